/* common.c - helpers of the code rules (see common.h). */
#define _GNU_SOURCE /* strcasestr */
#include "rules/code/common.h"

#include <stdarg.h>
#include <strings.h>

#include "core/strbuf.h"
#include "core/strmap.h"

const CodeBase *code_of(const RuleCtx *c)
{
    return c->project ? c->project->code : NULL;
}

bool code_next(CodeIter *it)
{
    if (!it->cb)
        return false;
    for (;;) {
        if (it->file >= it->cb->files.n)
            return false;
        const CodeFile *f = it->cb->files.v[it->file];
        if (++it->unit < f->units.n) {
            it->u = f->units.v[it->unit];
            return true;
        }
        it->file++;
        it->unit = -1;
    }
}

bool code_next_query(QueryIter *it)
{
    for (;;) {
        if (it->u && ++it->i < it->u->queries.n) {
            it->q = &it->u->queries.v[it->i];
            return true;
        }
        if (!code_next(&it->units))
            return false;
        it->u = it->units.u;
        it->i = -1;
    }
}

const Table *code_table(const RuleCtx *c, const CodeQuery *q)
{
    if (!q || !q->table || !c->s)
        return NULL;
    const Table *found = NULL;
    for (int i = 0; i < c->s->tables.n; i++) {
        const Table *t = c->s->tables.v[i];
        if (strcasecmp(t->name, q->table) != 0 || t->is_partition)
            continue;
        if (q->schema && strcmp(t->schema, q->schema) != 0)
            continue; /* another schema: withSchema('v1') is not public */
        if (!found || strcmp(t->schema, "public") == 0)
            found = t;
    }
    return found;
}

Finding *code_finding(RuleCtx *c, const CodeUnit *u, Pos p, const char *key, const char *fmt, ...)
{
    Finding *f = report_add(c->report, c->rule, "%s", "");
    va_list ap;
    va_start(ap, fmt);
    f->message = arena_vprintf(c->a, fmt, ap);
    va_end(ap);
    f->file = u->file;
    f->line = p.line;
    f->col = p.col;
    f->database = c->s->database;
    f->group = u->file;
    f->key = arena_printf(c->a, "%s:%s", u->name, key);
    return f;
}

bool code_cond_on(const CodeQuery *q, const char *column)
{
    for (int i = 0; i < q->conds.n; i++) {
        const CodeCond *k = &q->conds.v[i];
        if (k->column && strcasecmp(k->column, column) == 0)
            return true;
        if (k->raw && strcasestr(k->raw, column))
            return true;
    }
    return false;
}

bool code_names_meet(const char *const *a, const char *const *b)
{
    if (!a || !b)
        return false;
    for (int i = 0; a[i]; i++)
        for (int j = 0; b[j]; j++)
            if (strcmp(a[i], b[j]) == 0)
                return true;
    return false;
}

bool code_loop_declares(const CodeUnit *u, int loop, const char *const *names)
{
    for (; loop >= 0; loop = u->loops.v[loop].parent)
        if (code_names_meet(u->loops.v[loop].vars, names))
            return true;
    return false;
}

const char *code_query_text(RuleCtx *c, const CodeQuery *q)
{
    if (q->op == QOP_RAW)
        return arena_printf(c->a, "%s.raw(...)", q->executor);
    if (q->table)
        return arena_printf(c->a, "%s('%s')", q->executor, q->table);
    return arena_printf(c->a, "a query on %s", q->executor);
}

const char *code_txn_text(RuleCtx *c, const CodeUnit *u, int txn)
{
    const CodeTxn *t = &u->txns.v[txn];
    if (t->kind == TXN_PARAM)
        return arena_printf(c->a, "the caller's transaction (parameter %s)", t->var);
    return arena_printf(c->a, "the transaction opened at line %d", t->at.line);
}

const char *code_txn_isolation(const CodeUnit *u, int txn)
{
    for (; txn >= 0; txn = u->txns.v[txn].parent)
        if (u->txns.v[txn].isolation)
            return u->txns.v[txn].isolation;
    return NULL;
}

const char *code_js_cols(RuleCtx *c, const Table *t, const int *cols, int n)
{
    StrBuf b = STRBUF_INIT;
    for (int i = 0; i < n; i++)
        sb_printf(&b, "%s'%s'", i ? ", " : "", cols[i] >= 0 ? t->columns.v[cols[i]].name : "?");
    const char *r = arena_strdup(c->a, b.len ? b.s : "");
    sb_fini(&b);
    return r;
}

static bool derives_name(const CodeUnit *u, const char *name, const char *const *sources, int depth)
{
    for (int j = 0; sources && sources[j]; j++)
        if (strcmp(name, sources[j]) == 0)
            return true;
    if (depth >= 4)
        return false;
    for (int i = 0; i < u->defs.n; i++)
        if (strcmp(u->defs.v[i].name, name) == 0)
            for (int k = 0; u->defs.v[i].reads[k]; k++)
                if (strcmp(u->defs.v[i].reads[k], name) != 0 &&
                    derives_name(u, u->defs.v[i].reads[k], sources, depth + 1))
                    return true;
    return false;
}

bool code_derives(const CodeUnit *u, const char *const *names, const char *const *sources)
{
    for (int i = 0; names && names[i]; i++)
        if (derives_name(u, names[i], sources, 0))
            return true;
    return false;
}

/* code_usage() counts every table in one pass over the project's queries
 * and keeps the counts for the next calls with the same code and globs
 * (rules run one after another; the counts live in the report arena). */
static struct {
    const CodeBase *cb;
    const StrList *globs;
    Arena *a;
    StrMap by_table; /* table -> CodeUsage */
} usage_cache;

CodeUsage code_usage(const RuleCtx *c, const char *table, const StrList *globs)
{
    CodeUsage none = {0, 0, NULL};
    const CodeBase *cb = code_of(c);
    if (!cb || !table)
        return none;
    if (usage_cache.cb != cb || usage_cache.globs != globs || usage_cache.a != c->a) {
        usage_cache.cb = cb;
        usage_cache.globs = globs;
        usage_cache.a = c->a;
        strmap_init(&usage_cache.by_table, c->a);
        CodeIter it = code_iter(c);
        while (code_next(&it))
            for (int i = 0; i < it.u->queries.n; i++) {
                const CodeQuery *q = &it.u->queries.v[i];
                if (!q->table || q->op == QOP_INSERT || q->op == QOP_UPSERT)
                    continue;
                CodeUsage *u = strmap_get(&usage_cache.by_table, q->table);
                if (!u) {
                    u = arena_alloc(c->a, sizeof *u);
                    strmap_put(&usage_cache.by_table, q->table, u);
                }
                u->queries++;
                for (int k = 0; k < q->conds.n; k++)
                    if (q->conds.v[k].column && name_matches(q->conds.v[k].column, globs)) {
                        u->filtered++;
                        u->column = q->conds.v[k].column;
                        break;
                    }
            }
    }
    const CodeUsage *u = strmap_get(&usage_cache.by_table, table);
    return u ? *u : none;
}

bool code_batch_loop(const CodeLoop *l)
{
    if (l->exits_early)
        return true;
    for (int i = 0; l->vars && l->vars[i]; i++)
        if (strcasestr(l->vars[i], "chunk") || strcasestr(l->vars[i], "batch") || strcasestr(l->vars[i], "page") ||
            strcasestr(l->vars[i], "slice"))
            return true;
    return false;
}

bool code_unguarded_insert(const CodeUnit *u, const CodeQuery *q)
{
    return q->op == QOP_INSERT && !q->on_conflict && !q->caught && q->table && !u->handles_unique;
}
