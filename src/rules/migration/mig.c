/* mig.c - helpers shared by the migration rules; see common.h. */
#include "rules/migration/common.h"

#include <ctype.h>
#include <stdarg.h>
#include <string.h>

#include "core/strbuf.h"
#include "rules/rules.h"
#include "sql/sql.h"

MigPos mig_end(const ScanProject *p)
{
    return (MigPos){p->migrations.n, 0};
}

bool mig_judged(const Migration *m)
{
    return m && !m->not_migration;
}

bool mig_on_table(const MigEvent *e, const char *schema, const char *table)
{
    if (!e->table || !table || strcmp(e->table, table) != 0)
        return false;
    return !e->schema || !schema || strcmp(e->schema, schema) == 0;
}

void mig_walk_init(MigWalk *w, const ScanProject *p, MigPos after, MigPos end, const char *schema, const char *table)
{
    w->p = p;
    w->mig = after.mig;
    w->ev = after.ev + 1;
    w->end = end;
    w->schema = schema;
    w->table = table;
}

const MigEvent *mig_walk_next(MigWalk *w)
{
    while (w->table && w->mig < w->p->migrations.n &&
           (w->mig < w->end.mig || (w->mig == w->end.mig && w->ev < w->end.ev))) {
        const Migration *m = w->p->migrations.v[w->mig];
        if (!mig_judged(m) || w->ev >= m->up.n) {
            w->mig++;
            w->ev = 0;
            continue;
        }
        const MigEvent *e = &m->up.v[w->ev++];
        if (!mig_on_table(e, w->schema, w->table))
            continue;
        if (e->kind == EV_DROP_TABLE)
            w->table = NULL;
        else if (e->kind == EV_RENAME_TABLE && e->name)
            w->table = e->name;
        return e;
    }
    return NULL;
}

const char *mig_follow_table(const ScanProject *p, MigPos from, MigPos to, const char *schema, const char *table)
{
    MigWalk w;
    mig_walk_init(&w, p, from, to, schema, table);
    while (mig_walk_next(&w))
        ;
    return w.table;
}

bool mig_has_col(const char *const *cols, const char *name)
{
    for (int i = 0; cols && cols[i]; i++)
        if (strcmp(cols[i], name) == 0)
            return true;
    return false;
}

bool mig_same_cols(const char *const *a, const char *const *b)
{
    if (!a || !b)
        return false;
    int na = 0, nb = 0;
    for (; a[na]; na++)
        if (!mig_has_col(b, a[na]))
            return false;
    for (; b[nb]; nb++)
        if (!mig_has_col(a, b[nb]))
            return false;
    return na > 0 && nb > 0;
}

static const char *join_cols(RuleCtx *c, const char *const *cols, const char *open, const char *close, int style)
{
    StrBuf b = STRBUF_INIT;
    sb_puts(&b, open);
    for (int i = 0; cols && cols[i]; i++) {
        if (i)
            sb_puts(&b, ", ");
        if (style == 1)
            sb_puts(&b, sql_ident(c->a, cols[i]));
        else if (style == 2)
            sb_printf(&b, "'%s'", cols[i]);
        else
            sb_puts(&b, cols[i]);
    }
    sb_puts(&b, close);
    const char *s = arena_strdup(c->a, b.s ? sb_str(&b) : "");
    sb_fini(&b);
    return s;
}

const char *mig_cols_text(RuleCtx *c, const char *const *cols)
{
    return join_cols(c, cols, "", "", 0);
}

const char *mig_cols_sql(RuleCtx *c, const char *const *cols)
{
    return join_cols(c, cols, "(", ")", 1);
}

const char *mig_cols_js(RuleCtx *c, const char *const *cols)
{
    return join_cols(c, cols, "[", "]", 2);
}

const char *mig_table_display(RuleCtx *c, const char *schema, const char *table)
{
    return arena_printf(c->a, "%s.%s", sql_display_ident(c->a, schema ? schema : "public"),
                        sql_display_ident(c->a, table));
}

const Table *mig_model_table(RuleCtx *c, const char *schema, const char *table)
{
    return table ? schema_table(c->s, schema ? schema : "public", table) : NULL;
}

Finding *mig_finding(RuleCtx *c, const Migration *m, const Origin *o, const char *object, const char *key,
                     const char *fmt, ...)
{
    Finding *f = report_add(c->report, c->rule, "%s", "");
    va_list ap;
    va_start(ap, fmt);
    f->message = arena_vprintf(c->a, fmt, ap);
    va_end(ap);
    if (o && o->file) {
        f->file = o->file;
        f->line = o->line;
        f->col = o->col;
    } else {
        f->file = m->path;
        f->line = 1;
        f->col = 1;
    }
    f->database = c->s->database;
    f->group = m->path;
    f->object = object;
    f->key = key;
    return f;
}

const char **mig_schema_objects(RuleCtx *c, RuleId rule)
{
    const char **out = arena_alloc(c->a, sizeof *out);
    if (rule_table[rule].id[0] != 'S' || (rule_table[rule].needs & ~c->s->have) != 0)
        return out;
    Report scratch;
    report_init(&scratch, "scan");
    RuleCtx sc = *c;
    sc.report = &scratch;
    sc.a = &scratch.arena;
    sc.rule = rule;
    sc.plan = NULL;
    rules_call(&sc);
    out = arena_alloc(c->a, sizeof *out * (size_t)(scratch.findings.n + 1));
    int n = 0;
    for (int i = 0; i < scratch.findings.n; i++)
        if (scratch.findings.v[i].object)
            out[n++] = arena_strdup(c->a, scratch.findings.v[i].object);
    report_fini(&scratch);
    return out;
}

bool mig_detail_starts(const char *detail, const char *word)
{
    if (!detail)
        return false;
    while (isspace((unsigned char)*detail) || *detail == '(')
        detail++;
    size_t n = strlen(word);
    for (size_t i = 0; i < n; i++)
        if (tolower((unsigned char)detail[i]) != tolower((unsigned char)word[i]))
            return false;
    return !isalnum((unsigned char)detail[n]) && detail[n] != '_';
}
