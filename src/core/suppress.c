/* suppress.c - dbaudit-ignore comments; see suppress.h. */
#include "core/suppress.h"

#include <ctype.h>
#include <string.h>

static const char *find_directive(const char *p, const char *end)
{
    static const char key[] = "dbaudit-ignore";
    size_t k = sizeof key - 1;
    for (; p + k <= end; p++)
        if (*p == 'd' && memcmp(p, key, k) == 0)
            return p;
    return NULL;
}

/* True when a comment marker opens between the start of the line and p, and
 * *code is set when something other than blanks precedes that marker. */
static bool in_comment(const char *line, const char *p, bool *code)
{
    for (const char *q = line; q + 1 < p + 1; q++) {
        if ((q[0] == '/' && (q[1] == '/' || q[1] == '*')) || (q[0] == '-' && q[1] == '-') || q[0] == '#' ||
            (q[0] == '*' && q > line && isspace((unsigned char)q[-1]))) {
            *code = false;
            for (const char *c = line; c < q; c++)
                if (!isspace((unsigned char)*c) && *c != '*')
                    *code = true;
            return true;
        }
    }
    return false;
}

static int count_cols(const char *from, const char *to)
{
    int c = 1;
    for (const char *p = from; p < to; p++)
        if (((unsigned char)*p & 0xc0) != 0x80)
            c++;
    return c;
}

/* Next line (1-based number after `line`) holding something other than
 * blanks or a comment-only line. */
static int next_code_line(const char *p, const char *end, int line)
{
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        line++;
        const char *q = p;
        while (q < e && isspace((unsigned char)*q))
            q++;
        bool comment = q + 1 < e && ((q[0] == '/' && (q[1] == '/' || q[1] == '*')) || (q[0] == '-' && q[1] == '-'));
        if (q < e && !comment && *q != '*')
            return line;
        if (!nl)
            break;
        p = nl + 1;
    }
    return line + 1;
}

void suppress_scan(SuppressList *l, Arena *a, const char *path, const char *text, size_t len, Report *r,
                   const char *database)
{
    const char *end = text + len, *line = text;
    int lineno = 1;
    const char *p = text;
    while ((p = find_directive(p, end))) {
        for (const char *q = line; q < p; q++)
            if (*q == '\n') {
                lineno++;
                line = q + 1;
            }
        bool code = false;
        const char *start = p;
        p += strlen("dbaudit-ignore");
        if (!in_comment(line, start, &code))
            continue;
        Suppression s = {0};
        s.file = path;
        s.database = database;
        s.at_line = lineno;
        s.at_col = count_cols(line, start);
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        if (strncmp(p, "-next-line", 10) == 0) {
            p += 10;
            s.line = next_code_line(eol + (eol < end), end, lineno);
        } else if (strncmp(p, "-file", 5) == 0) {
            p += 5;
            s.line = 0;
        } else if (p < eol && !isspace((unsigned char)*p)) {
            continue; /* dbaudit-ignored or similar prose */
        } else {
            s.line = code ? lineno : next_code_line(eol + (eol < end), end, lineno);
        }
        /* Rule names up to " -- ", "*" "/" or the end of the line. */
        const char *stop = eol;
        for (const char *q = p; q + 1 < eol; q++)
            if ((q[0] == '-' && q[1] == '-') || (q[0] == '*' && q[1] == '/')) {
                stop = q;
                break;
            }
        s.text = arena_strndup(a, start, (size_t)(stop - start));
        while (s.text[0] && isspace((unsigned char)s.text[strlen(s.text) - 1]))
            ((char *)s.text)[strlen(s.text) - 1] = 0;
        bool any = false;
        const char *q = p;
        while (q < stop) {
            while (q < stop && (isspace((unsigned char)*q) || *q == ','))
                q++;
            const char *w = q;
            while (q < stop && !isspace((unsigned char)*q) && *q != ',')
                q++;
            if (q == w)
                break;
            char *name = arena_strndup(a, w, (size_t)(q - w));
            int id = rule_lookup(name);
            if (id < 0) {
                Finding *f = report_add(r, RULE_A003, "%s names an unknown rule '%s' (see 'dbaudit rules')",
                                        s.text, name);
                f->file = path;
                f->line = lineno;
                f->col = s.at_col;
                f->group = path;
                f->database = database;
                f->key = arena_printf(a, "suppress:%s", name);
                continue;
            }
            s.rule[id] = true;
            any = true;
        }
        if (any)
            vec_push(a, &l->v, s);
        p = eol;
    }
}

void suppress_apply(SuppressList *l, Report *r, const bool *off)
{
    int keep = 0;
    for (int i = 0; i < r->findings.n; i++) {
        Finding *f = &r->findings.v[i];
        bool drop = false;
        if (f->file)
            for (int j = 0; j < l->v.n; j++) {
                Suppression *s = &l->v.v[j];
                if (s->rule[f->rule] && (s->line == 0 || s->line == f->line) && strcmp(s->file, f->file) == 0) {
                    s->used = true;
                    drop = true;
                }
            }
        if (!drop)
            r->findings.v[keep++] = *f;
    }
    r->findings.n = keep;
    if (off && off[RULE_A004])
        return;
    for (int j = 0; j < l->v.n; j++) {
        Suppression *s = &l->v.v[j];
        if (s->used)
            continue;
        bool ran = false;
        for (int k = 0; k < RULE_COUNT; k++)
            if (s->rule[k] && !(off && off[k]))
                ran = true;
        if (!ran)
            continue;
        Finding *f = report_add(r, RULE_A004, "'%s' matches no finding%s", s->text,
                                s->line ? arena_printf(&r->arena, " on line %d", s->line) : " in this file");
        f->file = s->file;
        f->line = s->at_line;
        f->col = s->at_col;
        f->group = s->file;
        f->database = s->database;
        f->key = arena_printf(&r->arena, "%s", s->text);
    }
}
