/* rule.c - reporting and naming helpers shared by every rule; see rule.h. */
#include "rules/rule.h"

#include <ctype.h>
#include <stdarg.h>
#include <string.h>

#include <stdio.h>

#include "core/strbuf.h"
#include "sql/sql.h"

static const char *display_table(Arena *a, const Table *t)
{
    return arena_printf(a, "%s.%s", sql_display_ident(a, t->schema), sql_display_ident(a, t->name));
}

static Finding *at(RuleCtx *c, const Table *t, const Origin *o, int col, const char *key, const char *fmt,
                   va_list ap)
{
    Finding *f = report_add(c->report, c->rule, "%s", "");
    f->message = arena_vprintf(c->a, fmt, ap);
    f->database = c->s->database;
    f->group = display_table(c->a, t);
    f->object = col >= 0 ? arena_printf(c->a, "%s.%s", f->group, sql_display_ident(c->a, t->columns.v[col].name))
                         : f->group;
    if (!o)
        o = col >= 0 ? &t->columns.v[col].origin : &t->origin;
    if (o->file) {
        f->file = o->file;
        f->line = o->line;
        f->col = o->col;
    }
    f->key = key ? arena_strdup(c->a, key) : NULL;
    return f;
}

Finding *rule_at_table(RuleCtx *c, const Table *t, const char *key, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    Finding *f = at(c, t, NULL, -1, key, fmt, ap);
    va_end(ap);
    return f;
}

Finding *rule_at_column(RuleCtx *c, const Table *t, int col, const char *key, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    Finding *f = at(c, t, NULL, col, key, fmt, ap);
    va_end(ap);
    return f;
}

Finding *rule_at_origin(RuleCtx *c, const Table *t, const Origin *o, int col, const char *key, const char *fmt,
                        ...)
{
    va_list ap;
    va_start(ap, fmt);
    Finding *f = at(c, t, o, col, key, fmt, ap);
    va_end(ap);
    return f;
}

void rule_fix(RuleCtx *c, Finding *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    f->fix = arena_vprintf(c->a, fmt, ap);
    va_end(ap);
}

bool rule_audited_table(const Table *t)
{
    return !t->is_partition;
}

bool rule_audited_constraint(const Table *t, const Constraint *k)
{
    return !t->is_partition || !k->inherited;
}

bool rule_audited_index(const Table *t, const Index *x)
{
    return !t->is_partition || !x->inherited;
}

const char *d_table(RuleCtx *c, const Table *t)
{
    return display_table(c->a, t);
}

const char *d_ident(RuleCtx *c, const char *name)
{
    return sql_display_ident(c->a, name);
}

const char *d_qname(RuleCtx *c, const char *schema, const char *name)
{
    return arena_printf(c->a, "%s.%s", sql_display_ident(c->a, schema), sql_display_ident(c->a, name));
}

const char *q_table(RuleCtx *c, const Table *t)
{
    return sql_qname(c->a, t->schema, t->name);
}

const char *q_ident(RuleCtx *c, const char *name)
{
    return sql_ident(c->a, name);
}

const char *q_cols(RuleCtx *c, const Table *t, const int *cols, int n)
{
    StrBuf b = STRBUF_INIT;
    sb_putc(&b, '(');
    for (int i = 0; i < n; i++) {
        if (i)
            sb_puts(&b, ", ");
        sb_puts(&b, cols[i] >= 0 ? sql_ident(c->a, t->columns.v[cols[i]].name) : "<expression>");
    }
    sb_putc(&b, ')');
    const char *s = arena_strdup(c->a, sb_str(&b));
    sb_fini(&b);
    return s;
}

const char *cols_text(RuleCtx *c, const Table *t, const int *cols, int n)
{
    StrBuf b = STRBUF_INIT;
    for (int i = 0; i < n; i++) {
        if (i)
            sb_puts(&b, ", ");
        sb_puts(&b, cols[i] >= 0 ? t->columns.v[cols[i]].name : "<expression>");
    }
    const char *s = arena_strdup(c->a, sb_str(&b));
    sb_fini(&b);
    return s;
}

const char *new_name(RuleCtx *c, const Table *t, const int *cols, int n, const char *suffix)
{
    StrBuf b = STRBUF_INIT;
    sb_puts(&b, t->name);
    for (int i = 0; i < n; i++) {
        sb_putc(&b, '_');
        sb_puts(&b, cols[i] >= 0 ? t->columns.v[cols[i]].name : "expr");
    }
    sb_putc(&b, '_');
    sb_puts(&b, suffix);
    /* PostgreSQL truncates names to 63 bytes; cut the middle instead, on a
     * UTF-8 character boundary, so the suffix survives.  A name already
     * taken in the schema gets a number: <...>_key1. */
    char num[16] = "";
    for (int attempt = 0; attempt < 100; attempt++) {
        if (attempt)
            snprintf(num, sizeof num, "%d", attempt);
        StrBuf nb = STRBUF_INIT;
        sb_puts(&nb, sb_str(&b));
        sb_puts(&nb, num);
        size_t max = 63, sl = strlen(suffix) + 1 + strlen(num);
        if (nb.len > max) {
            size_t keep = max - sl;
            while (keep > 0 && ((unsigned char)nb.s[keep] & 0xC0) == 0x80)
                keep--;
            memmove(nb.s + keep, nb.s + nb.len - sl, sl + 1);
            nb.len = keep + sl;
        }
        const char *s = arena_strdup(c->a, sb_str(&nb));
        sb_fini(&nb);
        if (!strmap_get(&c->facts->names, arena_printf(c->a, "%s.%s", t->schema, s))) {
            sb_fini(&b);
            return s;
        }
    }
    const char *s = arena_strdup(c->a, sb_str(&b));
    sb_fini(&b);
    return s;
}

void fix_set_not_null(RuleCtx *c, Finding *f, const Table *t, int col, const char *note)
{
    const char *tab = q_table(c, t), *name = q_ident(c, t->columns.v[col].name);
    const char *chk = q_ident(c, new_name(c, t, &col, 1, "not_null"));
    rule_fix(c, f,
             "-- %s:\n"
             "-- SELECT count(*) FROM %s WHERE %s IS NULL;\n"
             "ALTER TABLE %s ADD CONSTRAINT %s CHECK (%s IS NOT NULL) NOT VALID;\n"
             "ALTER TABLE %s VALIDATE CONSTRAINT %s;\n"
             "ALTER TABLE %s ALTER COLUMN %s SET NOT NULL;\n"
             "ALTER TABLE %s DROP CONSTRAINT %s;",
             note, tab, name, tab, chk, name, tab, chk, tab, name, tab, chk);
}

const char *fk_definition(RuleCtx *c, const Table *t, const Constraint *fk, FkAction on_delete)
{
    StrBuf b = STRBUF_INIT;
    sb_printf(&b, "FOREIGN KEY %s REFERENCES %s.%s (", q_cols(c, t, fk->cols, fk->ncols), q_ident(c, fk->ref_schema),
              q_ident(c, fk->ref_table));
    for (int j = 0; j < fk->nref; j++)
        sb_printf(&b, "%s%s", j ? ", " : "", q_ident(c, fk->ref_cols[j]));
    sb_putc(&b, ')');
    if (fk->match_type == 'f')
        sb_puts(&b, " MATCH FULL");
    sb_printf(&b, " ON DELETE %s", fk_action_sql(on_delete));
    if (fk->on_update && fk->on_update != FK_NO_ACTION)
        sb_printf(&b, " ON UPDATE %s", fk_action_sql(fk->on_update));
    if (fk->deferrable)
        sb_puts(&b, fk->deferred ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE");
    const char *s = arena_strdup(c->a, sb_str(&b));
    sb_fini(&b);
    return s;
}

const char *fix_add_fk(RuleCtx *c, const Table *t, const char *name, const char *definition, bool drop)
{
    const char *tab = q_table(c, t), *qn = q_ident(c, name);
    const char *dropping = drop ? arena_printf(c->a, " DROP CONSTRAINT %s,\n ", qn) : "";
    if (t->kind == 'p')
        return arena_printf(c->a, "-- partitioned tables cannot take NOT VALID foreign keys: this checks every row now\n"
                                  "ALTER TABLE %s%s ADD CONSTRAINT %s %s;",
                            tab, dropping, qn, definition);
    return arena_printf(c->a, "ALTER TABLE %s%s ADD CONSTRAINT %s %s NOT VALID;\nALTER TABLE %s VALIDATE CONSTRAINT %s;",
                        tab, dropping, qn, definition, tab, qn);
}

bool col_is_surrogate(const Table *t, int col)
{
    if (col < 0)
        return false;
    const Column *k = &t->columns.v[col];
    if (k->identity)
        return true;
    const char *d = k->default_expr;
    return d && (strstr(d, "nextval(") || strstr(d, "gen_random_uuid(") || strstr(d, "uuid_generate_v"));
}

const char *soft_delete_cond(RuleCtx *c, const Table *t, int col, const char *alias, bool deleted)
{
    const Column *k = &t->columns.v[col];
    const char *name = alias ? arena_printf(c->a, "%s.%s", alias, q_ident(c, k->name)) : q_ident(c, k->name);
    if (strcmp(k->type, "boolean") == 0)
        return deleted ? name : arena_printf(c->a, "NOT %s", name);
    return arena_printf(c->a, "%s IS %sNULL", name, deleted ? "NOT " : "");
}

const char *soft_delete_pred(RuleCtx *c, const Table *t, int col)
{
    return soft_delete_cond(c, t, col, NULL, false);
}

/* A foreign key somewhere in the model that references exactly these
 * columns of t (which then need a unique index of their own). */
static const Constraint *referencing_fk(RuleCtx *c, const Table *t, const Index *x)
{
    for (int i = 0; i < c->s->tables.n; i++) {
        const Table *o = c->s->tables.v[i];
        for (int k = 0; k < o->constraints.n; k++) {
            const Constraint *fk = &o->constraints.v[k];
            if (fk->kind != CON_FOREIGN || fk->nref != x->nkeys || constraint_ref(c->s, fk) != t)
                continue;
            bool all = true;
            for (int j = 0; j < fk->nref && all; j++)
                all = index_has_key(x, fk->ref_cols[j]);
            if (all)
                return fk;
        }
    }
    return NULL;
}

/* When x is the only valid, non-partial btree index that leads with the
 * tenant column or with some foreign key's columns, dropping it would
 * trade this finding for an S014 or S002 one: the number of leading keys
 * of x that must stay indexed, else 0. */
static int leading_keys_needed(RuleCtx *c, const Table *t, const Index *x)
{
    if (x->predicate || strcmp(x->method, "btree") != 0)
        return 0;
    int need = 0;
    const TableFacts *tf = facts_of(c, t);
    for (int i = 0; i < t->constraints.n + 1; i++) {
        int n;
        const int *cols;
        int tcol[1] = {tf->tenant_col};
        if (i == t->constraints.n) {
            if (!tf->tenant_scoped || tf->tenant_col < 0)
                continue;
            n = 1, cols = tcol;
        } else if (t->constraints.v[i].kind == CON_FOREIGN) {
            n = t->constraints.v[i].ncols, cols = t->constraints.v[i].cols;
        } else
            continue;
        if (n > x->nkeys || n <= need)
            continue;
        bool led = true; /* x leads with exactly these columns, in any order */
        for (int j = 0; j < n && led; j++) {
            led = false;
            for (int k = 0; k < n && !led; k++)
                led = x->cols[k] == cols[j];
        }
        if (!led)
            continue;
        bool other = false;
        for (int k = 0; k < t->indexes.n && !other; k++) {
            const Index *y = &t->indexes.v[k];
            if (y == x || !y->valid || y->predicate || y->nkeys < n || strcmp(y->method, "btree") != 0)
                continue;
            bool all = true;
            for (int j = 0; j < n && all; j++) {
                all = false;
                for (int m = 0; m < n && !all; m++)
                    all = y->cols[m] == cols[j];
            }
            other = all;
        }
        if (!other)
            need = n;
    }
    return need;
}

const char *unique_replacement_pred(RuleCtx *c, const Table *t, const Index *x)
{
    int sd = facts_of(c, t)->soft_delete_col;
    if (sd < 0 || index_has_key(x, t->columns.v[sd].name))
        return x->predicate;
    for (int i = 0; x->pred_cols && x->pred_cols[i]; i++)
        if (strcmp(x->pred_cols[i], t->columns.v[sd].name) == 0)
            return x->predicate;
    const char *sdp = soft_delete_pred(c, t, sd);
    return x->predicate ? arena_printf(c->a, "(%s) AND %s", x->predicate, sdp) : sdp;
}

const char *drop_unique(RuleCtx *c, const Table *t, const Index *x)
{
    StrBuf b = STRBUF_INIT;
    int keep = leading_keys_needed(c, t, x);
    if (keep > 0)
        sb_printf(&b, "-- %s also served lookups on its leading columns: keep an index for them\n"
                      "%sCREATE INDEX %s%s ON %s %s;\n",
                  sql_ident(c->a, x->name), partition_lock_note(t), concurrently(t),
                  q_ident(c, new_name(c, t, x->cols, keep, "idx")), q_table(c, t), q_cols(c, t, x->cols, keep));
    const char *drop = NULL;
    for (int i = 0; x->backs_constraint && i < t->constraints.n && !drop; i++) {
        const Constraint *k = &t->constraints.v[i];
        if (k->index_name && strcmp(k->index_name, x->name) == 0) {
            const Constraint *fk = referencing_fk(c, t, x);
            drop = arena_printf(c->a, "%s%s%sALTER TABLE %s DROP CONSTRAINT %s;",
                                fk ? "-- foreign key " : "", fk ? sql_ident(c->a, fk->name) : "",
                                fk ? " references this key: recreate it against the new unique index first\n" : "",
                                q_table(c, t), q_ident(c, k->name));
        }
    }
    if (!drop)
        drop = arena_printf(c->a, "DROP INDEX %s%s;", concurrently(t), sql_qname(c->a, t->schema, x->name));
    sb_puts(&b, drop);
    const char *s = arena_strdup(c->a, sb_str(&b));
    sb_fini(&b);
    return s;
}

const char *index_key_sql(RuleCtx *c, const Table *t, const Index *x, int n)
{
    if (x->cols[n] >= 0)
        return q_ident(c, t->columns.v[x->cols[n]].name);
    return x->exprs && x->exprs[n] ? arena_printf(c->a, "(%s)", x->exprs[n]) : "<expression>";
}

int index_focus_col(RuleCtx *c, const Table *t, const Index *x)
{
    int tenant = facts_of(c, t)->tenant_col;
    for (int i = 0; i < x->nkeys; i++)
        if (x->cols[i] >= 0 && x->cols[i] != tenant)
            return x->cols[i];
    return x->nkeys ? x->cols[0] : -1;
}

const char *index_keys_text(RuleCtx *c, const Table *t, const Index *x)
{
    StrBuf b = STRBUF_INIT;
    for (int i = 0; i < x->nkeys; i++)
        sb_printf(&b, "%s%s", i ? ", " : "",
                  x->cols[i] >= 0 ? t->columns.v[x->cols[i]].name
                                  : (x->exprs && x->exprs[i] ? x->exprs[i] : "<expression>"));
    const char *s = arena_strdup(c->a, sb_str(&b));
    sb_fini(&b);
    return s;
}

bool col_scopes_tenant(RuleCtx *c, const Table *t, int col)
{
    const TableFacts *tf = facts_of(c, t);
    if (col < 0)
        return false;
    if (col == tf->tenant_col)
        return true;
    for (int i = 0; i < t->constraints.n; i++) {
        const Constraint *k = &t->constraints.v[i];
        const Table *p = constraint_ref(c->s, k);
        if (k->kind == CON_FOREIGN && constraint_has_col(k, col) && p && facts_of(c, p)->tenant_scoped)
            return true;
    }
    for (int i = 0; i < tf->inferred.n; i++)
        if (tf->inferred.v[i].col == col && tf->inferred.v[i].confidence == CONF_HIGH &&
            facts_of(c, tf->inferred.v[i].target)->tenant_scoped)
            return true;
    return false;
}

void fix_unique_index(RuleCtx *c, Finding *f, const Table *t, const int *cols, const char *const *keys, int n,
                      const char *pred, const char *drop)
{
    StrBuf k = STRBUF_INIT;
    for (int i = 0; i < n; i++)
        sb_printf(&k, "%s%s", i ? ", " : "", keys[i]);
    /* A unique index on a partitioned table must contain the partition key. */
    const char *partnote = "";
    for (int j = 0; t->kind == 'p' && j < t->npartkey; j++) {
        int pc = t->partkey[j];
        bool have = false;
        for (int i = 0; i < n && !have; i++)
            have = cols[i] == pc;
        if (have)
            continue;
        if (pc < 0) {
            sb_fini(&k);
            return; /* an expression partition key: no unique index can be written here */
        }
        sb_printf(&k, ", %s", q_ident(c, t->columns.v[pc].name));
        partnote = "-- unique indexes of a partitioned table must contain its partition key\n";
    }
    const char *where = pred ? arena_printf(c->a, " WHERE %s", pred) : "";
    /* A plain index that the new one makes redundant (S020 would say so
     * next time): only when the new index is not partial. */
    StrBuf extra = STRBUF_INIT;
    for (int i = 0; !pred && i < t->indexes.n; i++) {
        const Index *y = &t->indexes.v[i];
        if (y->unique || y->backs_constraint || y->predicate || !y->valid || y->nkeys >= n || y->has_include ||
            strcmp(y->method, "btree") != 0)
            continue;
        bool prefix = true;
        for (int j = 0; j < y->nkeys && prefix; j++)
            prefix = y->cols[j] >= 0 && y->cols[j] == cols[j];
        if (prefix)
            sb_printf(&extra, "\n-- %s is now a prefix of the new index and can go:\n-- DROP INDEX %s%s;",
                      sql_ident(c->a, y->name), concurrently(t), sql_qname(c->a, t->schema, y->name));
    }
    rule_fix(c, f,
             "-- duplicates that would make the index fail:\n"
             "-- SELECT %s, count(*) FROM %s%s GROUP BY %s HAVING count(*) > 1;\n"
             "%s%sCREATE UNIQUE INDEX %s%s ON %s (%s)%s;%s%s%s",
             sb_str(&k), q_table(c, t), where, sb_str(&k), partnote, partition_lock_note(t), concurrently(t),
             q_ident(c, new_name(c, t, cols, n, "key")), q_table(c, t), sb_str(&k), where, drop ? "\n" : "",
             drop ? drop : "", sb_str(&extra));
    sb_fini(&k);
    sb_fini(&extra);
}

const char *concurrently(const Table *t)
{
    return t->kind == 'p' ? "" : "CONCURRENTLY ";
}

const char *partition_lock_note(const Table *t)
{
    return t->kind == 'p' ? "-- partitioned tables cannot be indexed CONCURRENTLY: this blocks writes while it runs\n"
                          : "";
}

bool constraint_has_col(const Constraint *k, int col)
{
    for (int i = 0; i < k->ncols; i++)
        if (k->cols[i] == col)
            return true;
    return false;
}

bool index_has_key(const Index *x, const char *name)
{
    for (int i = 0; i < x->nkeys; i++)
        if (x->key_names && x->key_names[i] && strcmp(x->key_names[i], name) == 0)
            return true;
    return false;
}

const Constraint *fk_on_column(const Table *t, int col)
{
    for (int i = 0; i < t->constraints.n; i++) {
        const Constraint *k = &t->constraints.v[i];
        if (k->kind == CON_FOREIGN && constraint_has_col(k, col))
            return k;
    }
    return NULL;
}

static bool starts(const char *s, const char *p)
{
    return strncmp(s, p, strlen(p)) == 0;
}

bool type_is_numeric(const char *type)
{
    static const char *const num[] = {"integer", "bigint", "smallint", "numeric", "real", "double precision",
                                      "money", "decimal"};
    for (unsigned i = 0; i < sizeof num / sizeof num[0]; i++)
        if (starts(type, num[i]))
            return true;
    return false;
}

bool type_is_text(const char *type)
{
    return starts(type, "text") || starts(type, "character") || starts(type, "varchar") || starts(type, "citext");
}
