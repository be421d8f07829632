/* history.c - recording what migrations did; see history.h.
 *
 * Events are copied into the project's arena with their strings: readers
 * may build them in scratch memory.
 */
#include "migrate/history.h"

#include <stdarg.h>

void mig_event(MigSink *k, const MigEvent *e)
{
    if (!k->mig)
        return;
    Arena *a = &k->schema->arena;
    MigEvent c = *e;
    c.schema = arena_strdup(a, e->schema);
    c.table = arena_strdup(a, e->table);
    c.name = arena_strdup(a, e->name);
    c.detail = arena_strdup(a, e->detail);
    c.ref_schema = arena_strdup(a, e->ref_schema);
    c.ref_table = arena_strdup(a, e->ref_table);
    if (e->cols) {
        int n = 0;
        while (e->cols[n])
            n++;
        const char **cols = arena_alloc(a, sizeof *cols * (size_t)(n + 1));
        for (int i = 0; i < n; i++)
            cols[i] = arena_strdup(a, e->cols[i]);
        c.cols = cols;
    }
    MigEventVec *v = k->down ? &k->mig->down : &k->mig->up;
    vec_push(a, v, c);
}

void mig_not_understood(MigSink *k, Origin o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    mig_vnot_understood(k, o, fmt, ap);
    va_end(ap);
}

void mig_vnot_understood(MigSink *k, Origin o, const char *fmt, va_list ap)
{
    if (k->mig)
        k->mig->understood = false;
    if (!k->report)
        return;
    char *msg = arena_vprintf(&k->report->arena, fmt, ap);
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
