/* report_github.c - GitHub Actions workflow commands.
 *
 * One line per finding, which the Actions runner turns into an annotation
 * on the pull request:
 *   ::error file=db/migrations/001.js,line=12,col=5,title=S002 fk-without-index::message
 * error -> error, warning -> warning, info -> notice.  Findings on a live
 * database object have no file; the object leads the message instead.
 * Values are escaped as the runner expects: %, CR and LF everywhere, and
 * ':' and ',' as well inside properties.
 */
#include <string.h>

#include "core/report.h"

static void put_escaped(FILE *out, const char *s, bool property)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '%': fputs("%25", out); break;
        case '\r': fputs("%0D", out); break;
        case '\n': fputs("%0A", out); break;
        case ':':
            if (property)
                fputs("%3A", out);
            else
                fputc(':', out);
            break;
        case ',':
            if (property)
                fputs("%2C", out);
            else
                fputc(',', out);
            break;
        default: fputc(*s, out);
        }
    }
}

int report_write_github(FILE *out, const Report *r)
{
    static const char *const command[] = {"notice", "warning", "error"};
    for (int i = 0; i < r->findings.n; i++) {
        const Finding *f = &r->findings.v[i];
        fprintf(out, "::%s ", command[f->severity]);
        if (f->file) {
            fputs("file=", out);
            put_escaped(out, f->file, true);
            fprintf(out, ",line=%d,col=%d,", f->line, f->col);
        }
        fputs("title=", out);
        put_escaped(out, rule_table[f->rule].id, true);
        fputc(' ', out);
        put_escaped(out, rule_table[f->rule].slug, true);
        fputs("::", out);
        if (!f->file) {
            put_escaped(out, finding_where(r, f), false);
            fputs(": ", out);
        }
        put_escaped(out, f->message, false);
        if (f->fix) {
            fputs("%0AFix: ", out);
            put_escaped(out, f->fix, false);
        }
        fputc('\n', out);
    }
    int counts[3];
    report_counts(r, counts);
    fprintf(out, "dbaudit: %d error%s, %d warning%s, %d info\n", counts[SEV_ERROR], counts[SEV_ERROR] == 1 ? "" : "s",
            counts[SEV_WARNING], counts[SEV_WARNING] == 1 ? "" : "s", counts[SEV_INFO]);
    return ferror(out) ? -1 : 0;
}
