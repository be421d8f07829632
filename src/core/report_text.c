/* report_text.c - the report for people.
 *
 * Findings are grouped by table (or file), most severe first inside each
 * group order; every finding shows its rule, message and fix.  A finding in
 * a file also shows the offending line, read when the report is written,
 * with a caret under the column, as compilers do:
 *
 *       12 |     table.uuid('event_id').references('events.id');
 *          |     ^
 *
 * (a file or line that cannot be read just prints no excerpt).  The reason a
 * rule matters ("why") is printed the first time the rule appears, and for
 * every finding with --verbose, so a long report stays readable.  Colour only
 * when the caller says so (a terminal, and NO_COLOR unset).
 */
#include <stdbool.h>
#include <string.h>

#include "core/file.h"
#include "core/report.h"

enum {
    SOURCE_MAX = 16 << 20, /* larger files get no excerpt */
    LINE_WIDE = 200,       /* characters: longer lines are shown around the column */
    LINE_BEFORE = 60       /* ... from this many characters before it */
};

/* The file read last: findings come sorted by file, so one is enough. */
typedef struct SourceCache {
    Arena a;
    const char *path; /* in a; NULL when nothing is cached */
    const char *text; /* NULL when it could not be read */
    size_t len;
} SourceCache;

typedef struct Style {
    const char *bold, *dim, *red, *yellow, *cyan, *green, *reset;
} Style;

static const Style plain = {"", "", "", "", "", "", ""};
static const Style ansi = {"\033[1m", "\033[2m", "\033[31m", "\033[33m", "\033[36m", "\033[32m", "\033[0m"};

static const char *sev_color(const Style *st, Severity s)
{
    return s == SEV_ERROR ? st->red : s == SEV_WARNING ? st->yellow : st->cyan;
}

/* Prints text with every line after the first indented by `indent`. */
static void put_indented(FILE *out, const char *text, int indent)
{
    for (const char *p = text; *p; p++) {
        fputc(*p, out);
        if (*p == '\n' && p[1])
            fprintf(out, "%*s", indent, "");
    }
}

static bool same(const char *a, const char *b)
{
    return (a == NULL && b == NULL) || (a && b && strcmp(a, b) == 0);
}

/* Line `line` (1-based) of path, without its line break; *n its length in
 * bytes.  NULL when the file or the line cannot be read. */
static const char *source_line(SourceCache *c, const char *path, int line, size_t *n)
{
    if (!c->path || strcmp(c->path, path) != 0) {
        arena_reset(&c->a);
        const char *why = NULL;
        c->text = file_read_all(&c->a, path, SOURCE_MAX, &c->len, &why);
        c->path = arena_strdup(&c->a, path);
    }
    if (!c->text || line < 1)
        return NULL;
    const char *p = c->text, *end = c->text + c->len;
    for (int l = 1; l < line; l++) {
        p = memchr(p, '\n', (size_t)(end - p));
        if (!p)
            return NULL;
        p++;
    }
    if (p == end && line > 1)
        return NULL; /* past the last line */
    const char *e = memchr(p, '\n', (size_t)(end - p));
    *n = (size_t)((e ? e : end) - p);
    if (*n && p[*n - 1] == '\r')
        (*n)--;
    return p;
}

/* Bytes of the character at s (a UTF-8 lead byte and its continuation
 * bytes; a stray byte alone), as the readers count columns. */
static size_t char_len(const char *s, size_t n)
{
    size_t k = 1;
    while (k < n && ((unsigned char)s[k] & 0xc0) == 0x80)
        k++;
    return k;
}

/* One character for the terminal: control characters (escape sequences in
 * a hostile file) print as '?'; tabs stay, so the caret line can repeat
 * them and stay aligned. */
static void put_char(FILE *out, const char *s, size_t n)
{
    unsigned char c = (unsigned char)s[0];
    if (c == '\t')
        fputc('\t', out);
    else if (c < 0x20 || c == 0x7f)
        fputc('?', out);
    else
        fwrite(s, 1, n, out);
}

/* The finding's line with a caret under its column, both under a gutter
 * that ends where the message starts (indent). */
static void put_excerpt(FILE *out, const Style *st, SourceCache *cache, const Finding *f, int indent)
{
    size_t n = 0;
    const char *text = source_line(cache, f->file, f->line, &n);
    if (!text)
        return;
    int nchars = 0;
    for (size_t i = 0; i < n; i += char_len(text + i, n - i))
        nchars++;
    int col = f->col - 1; /* 0-based character */
    int from = 0, to = nchars;
    if (nchars > LINE_WIDE) { /* a long line: the part around the column */
        from = col > LINE_BEFORE ? col - LINE_BEFORE : 0;
        if (from > nchars)
            from = nchars;
        to = from + LINE_WIDE < nchars ? from + LINE_WIDE : nchars;
    }
    fprintf(out, "%s%*d |%s ", st->dim, indent - 3, f->line, st->reset);
    if (from > 0)
        fputs("...", out);
    int k = 0;
    for (size_t i = 0; i < n && k < to; k++) {
        size_t len = char_len(text + i, n - i);
        if (k >= from)
            put_char(out, text + i, len);
        i += len;
    }
    if (to < nchars)
        fputs("...", out);
    fputc('\n', out);
    if (col < from || col > nchars)
        return; /* the column is not on this line */
    fprintf(out, "%s%*s |%s ", st->dim, indent - 3, "", st->reset);
    if (from > 0)
        fputs("   ", out);
    k = 0;
    for (size_t i = 0; i < n && k < col; k++) {
        if (k >= from)
            fputc(text[i] == '\t' ? '\t' : ' ', out);
        i += char_len(text + i, n - i);
    }
    fprintf(out, "%s^%s\n", sev_color(st, f->severity), st->reset);
}

int report_write_text(FILE *out, const Report *r, const ReportOptions *opt)
{
    const Style *st = opt->color ? &ansi : &plain;
    SourceCache cache = {0};
    arena_init(&cache.a);
    bool why_shown[RULE_COUNT] = {false};
    const char *group = NULL, *db = NULL;
    bool multi = r->sources.n > 1;
    const char *kind = r->command && strcmp(r->command, "scan") == 0 ? "project" : "database";
    enum { INDENT = 19 };

    for (int i = 0; i < r->findings.n && !opt->quiet; i++) {
        const Finding *f = &r->findings.v[i];
        bool new_source = multi && (i == 0 || !same(f->database, db));
        if (new_source)
            fprintf(out, "%s%s== %s %s ==%s\n", i ? "\n" : "", st->bold, kind, f->database ? f->database : "?",
                    st->reset);
        db = f->database;
        const char *g = f->group ? f->group : f->file ? f->file : f->object;
        if (i == 0 || new_source || !same(g, group))
            fprintf(out, "%s%s%s%s\n", i && !new_source ? "\n" : "", st->bold, g ? g : "(database)", st->reset);
        group = g;

        const RuleInfo *ri = &rule_table[f->rule];
        fprintf(out, "  %s%-8s%s %s%s%s  ", sev_color(st, f->severity), severity_name(f->severity),
                st->reset, st->bold, ri->id, st->reset);
        if (f->file)
            fprintf(out, "%s%s:%d:%d%s  ", st->dim, f->file, f->line, f->col, st->reset);
        else if (f->object && g && strcmp(f->object, g) != 0)
            fprintf(out, "%s%s%s  ", st->dim, f->object, st->reset);
        put_indented(out, f->message, INDENT);
        fputc('\n', out);
        if (f->file && f->line > 0)
            put_excerpt(out, st, &cache, f, INDENT);
        if (opt->verbose || !why_shown[f->rule] || f->why) {
            fprintf(out, "%*s%swhy: ", INDENT - 5, "", st->dim);
            put_indented(out, f->why ? f->why : ri->why, INDENT);
            fprintf(out, " (%s %s, guide %s)%s\n", ri->id, ri->slug, ri->guide, st->reset);
            why_shown[f->rule] = true;
        }
        if (f->nsamples) {
            fprintf(out, "%*s%ssamples: ", INDENT - 9, "", st->dim);
            for (int k = 0; k < f->nsamples; k++)
                fprintf(out, "%s%s", k ? ", " : "", f->samples[k]);
            fprintf(out, "%s\n", st->reset);
        }
        if (f->fix) {
            fprintf(out, "%*s%sfix: ", INDENT - 5, "", st->green);
            put_indented(out, f->fix, INDENT);
            fprintf(out, "%s\n", st->reset);
        }
    }

    int c[3];
    report_counts(r, c);
    if (r->findings.n && !opt->quiet)
        fputc('\n', out);
    fprintf(out, "%s%d error%s%s, %s%d warning%s%s, %s%d info%s", c[SEV_ERROR] ? st->red : "", c[SEV_ERROR],
            c[SEV_ERROR] == 1 ? "" : "s", st->reset, c[SEV_WARNING] ? st->yellow : "", c[SEV_WARNING],
            c[SEV_WARNING] == 1 ? "" : "s", st->reset, c[SEV_INFO] ? st->cyan : "", c[SEV_INFO], st->reset);
    for (int i = 0; i < r->sources.n; i++) {
        const ReportSource *s = &r->sources.v[i];
        fprintf(out, "%s %s %s", i ? ";" : " in", kind, s->name);
        if (s->state == SOURCE_FAILED)
            fprintf(out, " (%snot audited%s: %s)", st->red, st->reset, s->error ? s->error : "unknown error");
        else
            fprintf(out, " (%d table%s%s)", s->tables, s->tables == 1 ? "" : "s",
                    s->state == SOURCE_PARTIAL ? ", partly audited" : "");
    }
    fputc('\n', out);
    arena_fini(&cache.a);
    return ferror(out) ? -1 : 0;
}
