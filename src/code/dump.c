/* dump.c - the code model as stable text (`dbaudit scan --print-code`).
 *
 * One block per function with its transactions, loops, tries, queries and
 * outside calls, one line each, positions as line:col.  Tests compare it
 * with snapshots, and a user can see what dbaudit understood of the code.
 */
#include "code/dump.h"

static const char *const op_names[] = {"select", "first", "count", "insert", "upsert", "update", "delete",
                                       "increment", "raw"};
static const char *const lock_names[] = {"", "for share", "for key share", "for no key update", "for update"};
static const char *const loop_names[] = {"for", "for-of", "while", "callback"};
static const char *const txn_names[] = {"callback", "explicit", "parameter", "wrapper"};
static const char *const call_names[] = {"http", "payment", "mail", "queue", "chain", "service"};

static void list(FILE *out, const char *label, const char *const *v)
{
    if (!v || !v[0])
        return;
    fprintf(out, " %s=", label);
    for (int i = 0; v[i]; i++)
        fprintf(out, "%s%s", i ? "," : "", v[i]);
}

static void dump_query(FILE *out, const CodeQuery *q)
{
    fprintf(out, "    query %d:%d %s %s on %s%s", q->at.line, q->at.col, op_names[q->op], q->table ? q->table : "?",
            q->executor, q->exec_trx ? " (trx)" : "");
    for (int i = 0; i < q->conds.n; i++) {
        const CodeCond *c = &q->conds.v[i];
        if (c->raw)
            fprintf(out, " where[raw %s]", c->raw);
        else
            fprintf(out, " where[%s%s%s]", c->column ? c->column : "?", c->null_test ? " null" : "",
                    c->value && !c->null_test ? "=" : "");
        if (c->idents && c->idents[0] && !c->null_test)
            list(out, "reads", c->idents);
    }
    list(out, "sets", q->set_cols);
    list(out, "from", q->set_idents);
    if (q->set_atomic)
        fputs(" atomic", out);
    if (q->lock)
        fprintf(out, " %s", lock_names[q->lock]);
    if (q->skip_locked)
        fputs(" skip-locked", out);
    if (q->no_wait)
        fputs(" nowait", out);
    if (q->on_conflict)
        fputs(" on-conflict", out);
    if (q->transacting)
        fputs(" transacting", out);
    if (q->sql)
        fprintf(out, " sql%s=\"%s\"", q->sql_dynamic ? "(dynamic)" : "", q->sql);
    fprintf(out, "%s%s%s", q->awaited ? " awaited" : "", q->discarded ? " discarded" : "", q->caught ? " caught" : "");
    if (q->loop >= 0)
        fprintf(out, " loop=%d", q->loop);
    if (q->txn >= 0)
        fprintf(out, " txn=%d%s", q->txn, q->outer_in_txn ? "(outside)" : "");
    if (q->in_try >= 0)
        fprintf(out, " try=%d", q->in_try);
    if (q->result)
        fprintf(out, " -> %s", q->result);
    if (q->result_checked)
        fputs(" checked", out);
    fputc('\n', out);
}

void code_dump(FILE *out, const CodeBase *cb)
{
    for (int fi = 0; fi < cb->files.n; fi++) {
        const CodeFile *f = cb->files.v[fi];
        if (!f->units.n && !f->parse_error)
            continue;
        fprintf(out, "file %s%s\n", f->path, f->parse_error ? " (syntax errors)" : "");
        for (int ui = 0; ui < f->units.n; ui++) {
            const CodeUnit *u = f->units.v[ui];
            fprintf(out, "  function %s %d:%d%s%s%s\n", u->name, u->at.line, u->at.col,
                    u->handles_unique ? " handles-23505" : "", u->handles_serialization ? " retries-40001" : "",
                    u->sets_tenant_local ? " sets-tenant-local" : "");
            for (int i = 0; i < u->txns.n; i++) {
                const CodeTxn *t = &u->txns.v[i];
                fprintf(out, "    txn %d %d:%d %s %s", i, t->at.line, t->at.col, txn_names[t->kind],
                        t->var ? t->var : "?");
                if (t->outer)
                    fprintf(out, " on %s", t->outer);
                if (t->isolation)
                    fprintf(out, " isolation=%s", t->isolation);
                if (t->config_first)
                    fputs(" config-first", out);
                if (t->kind == TXN_CALLBACK && !t->uses_var)
                    fputs(" unused", out);
                if (t->parent >= 0)
                    fprintf(out, " in=%d", t->parent);
                fputc('\n', out);
            }
            for (int i = 0; i < u->loops.n; i++) {
                const CodeLoop *l = &u->loops.v[i];
                fprintf(out, "    loop %d %d:%d %s%s%s", i, l->at.line, l->at.col, loop_names[l->kind],
                        l->method ? " " : "", l->method ? l->method : "");
                list(out, "vars", l->vars);
                fprintf(out, "%s%s", l->exits_early ? " exits-early" : "", l->async_foreach ? " async" : "");
                if (l->parent >= 0)
                    fprintf(out, " in=%d", l->parent);
                fputc('\n', out);
            }
            for (int i = 0; i < u->tries.n; i++) {
                const CodeTry *t = &u->tries.v[i];
                fprintf(out, "    try %d %d:%d", i, t->at.line, t->at.col);
                if (t->has_catch)
                    fprintf(out, " catch %d:%d%s", t->catch_at.line, t->catch_at.col,
                            t->rethrows ? " rethrows" : " swallows");
                if (t->txn >= 0)
                    fprintf(out, " txn=%d", t->txn);
                fputc('\n', out);
            }
            for (int i = 0; i < u->queries.n; i++)
                dump_query(out, &u->queries.v[i]);
            for (int i = 0; i < u->calls.n; i++) {
                const CodeCall *c = &u->calls.v[i];
                fprintf(out, "    call %d:%d %s %s%s", c->at.line, c->at.col, call_names[c->kind], c->callee,
                        c->awaited ? " awaited" : "");
                if (c->loop >= 0)
                    fprintf(out, " loop=%d", c->loop);
                if (c->txn >= 0)
                    fprintf(out, " txn=%d", c->txn);
                fputc('\n', out);
            }
        }
    }
}
