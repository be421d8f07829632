/* history.c - recording what migrations did; see history.h.
 *
 * Events are copied into the project's arena; the strings they point to
 * must already live there (the readers allocate them from Schema.arena).
 */
#include "migrate/history.h"

#include <stdarg.h>

void mig_event(MigSink *k, const MigEvent *e)
{
    if (!k->mig)
        return;
    MigEventVec *v = k->down ? &k->mig->down : &k->mig->up;
    vec_push(&k->schema->arena, v, *e);
}

void mig_not_understood(MigSink *k, Origin o, const char *fmt, ...)
{
    if (k->mig)
        k->mig->understood = false;
    if (!k->report)
        return;
    va_list ap;
    va_start(ap, fmt);
    char *msg = arena_vprintf(&k->report->arena, fmt, ap);
    va_end(ap);
    Finding *f = report_add(k->report, RULE_A003, "%s", msg);
    f->file = o.file ? o.file : (k->mig ? k->mig->path : NULL);
    f->line = o.file ? o.line : 1;
    f->col = o.file ? o.col : 1;
    f->database = k->database;
    f->group = f->file;
    /* The fingerprint survives edits that move the statement: it hashes
     * the file and the message, never the line. */
    f->key = msg;
}
