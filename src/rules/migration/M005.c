/* M005 dropped-required-constraint: a migration's up drops a primary key,
 * foreign key, unique key or check that an earlier migration created, no
 * later migration creates it again, and the final schema now has the hole
 * the constraint closed (guide 1.3, 1.5, 3.1):
 *
 *   primary key  -> S001 on the table;
 *   foreign key  -> S003 on one of its columns (not the tenant column,
 *                   unless it is the only one);
 *   unique       -> S010 on the table or one of its columns (a unique
 *                   index counts as a unique key);
 *   check        -> S012 on one of its columns.
 *
 * Requiring the schema finding keeps deliberate drops quiet: a key moved to
 * other columns, a check replaced by an enum type, a unique key that no
 * rule expects.  The schema rules run here on the final model (see
 * mig_schema_objects()), so the answer does not depend on --only or --skip.
 * The constraint's kind and columns come from the event that created it;
 * a drop whose creator is not in the history (created by a dump loaded
 * before the first migration, say) is not judged. */
#include <string.h>

#include "rules/migration/common.h"
#include "sql/sql.h"

typedef struct Created {
    const Migration *m;
    const MigEvent *e;
    MigPos at;
} Created;

/* The latest event of an earlier migration's up that created the object
 * e drops, on the same table (following renames up to the drop). */
static Created find_creator(const ScanProject *p, int mi, int ei, const MigEvent *e)
{
    Created r = {0};
    for (int i = mi - 1; i >= 0 && !r.e; i--) {
        const Migration *m = p->migrations.v[i];
        if (!mig_judged(m))
            continue;
        for (int j = m->up.n - 1; j >= 0; j--) {
            const MigEvent *a = &m->up.v[j];
            if ((a->kind != EV_ADD_CONSTRAINT && a->kind != EV_ADD_INDEX) || !a->name || strcmp(a->name, e->name) != 0)
                continue;
            if (a->schema && e->schema && strcmp(a->schema, e->schema) != 0)
                continue;
            if (e->table) {
                const char *now = mig_follow_table(p, (MigPos){i, j}, (MigPos){mi, ei}, a->schema, a->table);
                if (!now || strcmp(now, e->table) != 0)
                    continue;
            }
            r.m = m;
            r.e = a;
            r.at = (MigPos){i, j};
            break;
        }
    }
    return r;
}

/* The kind the dropped object had: 'p', 'f', 'u', 'c', or 0 when this rule
 * does not judge it (plain indexes, exclusion constraints, unknown). */
static char kind_of(const MigEvent *created)
{
    if (created->kind == EV_ADD_INDEX)
        return created->con_kind == 'u' ? 'u' : 0;
    return strchr("pfuc", created->con_kind) && created->con_kind ? created->con_kind : 0;
}

static char kind_of_add(const MigEvent *a)
{
    if (a->kind != EV_ADD_CONSTRAINT && a->kind != EV_ADD_INDEX)
        return 0;
    return kind_of(a);
}

/* The table's name at the end of the history, or NULL when the object was
 * created again (same kind and columns) or the table was dropped. */
static const char *still_missing(const ScanProject *p, int mi, int ei, const char *schema, const char *table,
                                 char kind, const char *const *cols)
{
    MigWalk w;
    mig_walk_init(&w, p, (MigPos){mi, ei}, mig_end(p), schema, table);
    for (const MigEvent *e; (e = mig_walk_next(&w));) {
        if (e->kind == EV_DROP_TABLE)
            return NULL;
        if (kind_of_add(e) == kind && (kind == 'p' || !cols || !e->cols || mig_same_cols(cols, e->cols)))
            return NULL; /* an unknown column list on either side: assume it is the same key */
    }
    return w.table;
}

static bool listed(const char **objects, const char *object)
{
    for (int i = 0; objects && objects[i]; i++)
        if (strcmp(objects[i], object) == 0)
            return true;
    return false;
}

/* Lazily computed schema findings. */
typedef struct Holes {
    const char **s001, **s003, **s010, **s012;
} Holes;

static const char **holes_of(RuleCtx *c, Holes *h, char kind)
{
    const char ***slot = kind == 'p' ? &h->s001 : kind == 'f' ? &h->s003 : kind == 'u' ? &h->s010 : &h->s012;
    RuleId rule = kind == 'p' ? RULE_S001 : kind == 'f' ? RULE_S003 : kind == 'u' ? RULE_S010 : RULE_S012;
    if (!*slot)
        *slot = mig_schema_objects(c, rule);
    return *slot;
}

/* The object the schema rule reports that the dropped constraint would
 * have prevented, or NULL. */
static const char *hole(RuleCtx *c, Holes *h, char kind, const char *schema, const char *table,
                        const char *const *cols)
{
    const char **objs = holes_of(c, h, kind);
    const char *tab = mig_table_display(c, schema, table);
    if ((kind == 'p' || kind == 'u') && listed(objs, tab))
        return tab;
    if (kind == 'p')
        return NULL;
    const Table *t = mig_model_table(c, schema, table);
    int tenant = t ? facts_of(c, t)->tenant_col : -1;
    int ncols = 0;
    while (cols && cols[ncols])
        ncols++;
    for (int i = 0; i < ncols; i++) {
        if (kind == 'f' && ncols > 1 && t && tenant >= 0 && strcmp(cols[i], t->columns.v[tenant].name) == 0)
            continue;
        const char *obj = arena_printf(c->a, "%s.%s", tab, sql_display_ident(c->a, cols[i]));
        if (listed(objs, obj))
            return obj;
    }
    return NULL;
}

static const char *kind_name(char kind, const MigEvent *created)
{
    switch (kind) {
    case 'p': return "primary key";
    case 'f': return "foreign key";
    case 'u': return created->kind == EV_ADD_INDEX ? "unique index" : "unique constraint";
    default: return "check constraint";
    }
}

static const char *recreate_fix(RuleCtx *c, const MigEvent *drop, const Created *cr, char kind, const char *schema,
                                const char *table, const char *const *cols)
{
    const char *q = sql_qname(c->a, schema ? schema : "public", table);
    const char *name = drop->name;
    const char *jt = schema && strcmp(schema, "public") != 0 ? arena_printf(c->a, "%s.%s", schema, table) : table;
    const Table *t = mig_model_table(c, schema, table);
    const char *ref = "<referenced table>", *ref_col = "id";
    if (kind == 'f' && t && cols && cols[0]) {
        const TableFacts *tf = facts_of(c, t);
        for (int i = 0; i < tf->inferred.n; i++)
            if (strcmp(t->columns.v[tf->inferred.v[i].col].name, cols[0]) == 0) {
                ref = tf->inferred.v[i].target->name;
                ref_col = tf->inferred.v[i].target_col;
            }
    }
    const char *lead = drop->from_sql ? "--" : "//";
    const char *head = arena_printf(c->a, "%s in a new migration, unless the drop was meant (then say why with a "
                                          "dbaudit-ignore comment):\n", lead);
    if (drop->from_sql) {
        switch (kind) {
        case 'p': return arena_printf(c->a, "%sALTER TABLE %s ADD CONSTRAINT %s PRIMARY KEY %s;", head, q, sql_ident(c->a, name), mig_cols_sql(c, cols));
        case 'f':
            return arena_printf(c->a,
                                "%sALTER TABLE %s ADD CONSTRAINT %s FOREIGN KEY %s REFERENCES %s (%s) ON DELETE RESTRICT NOT VALID;\n"
                                "ALTER TABLE %s VALIDATE CONSTRAINT %s;",
                                head, q, sql_ident(c->a, name), mig_cols_sql(c, cols), sql_ident(c->a, ref),
                                sql_ident(c->a, ref_col), q, sql_ident(c->a, name));
        case 'u':
            if (cr->e->kind == EV_ADD_INDEX)
                return arena_printf(c->a, "%sCREATE UNIQUE INDEX %s ON %s %s;", head, sql_ident(c->a, name), q, mig_cols_sql(c, cols));
            return arena_printf(c->a, "%sALTER TABLE %s ADD CONSTRAINT %s UNIQUE %s;", head, q, sql_ident(c->a, name), mig_cols_sql(c, cols));
        default:
            return arena_printf(c->a,
                                "%sALTER TABLE %s ADD CONSTRAINT %s CHECK (<the condition it had>) NOT VALID;\n"
                                "ALTER TABLE %s VALIDATE CONSTRAINT %s;",
                                head, q, sql_ident(c->a, name), q, sql_ident(c->a, name));
        }
    }
    const char *call;
    switch (kind) {
    case 'p': call = arena_printf(c->a, "t.primary(%s, { constraintName: '%s' })", mig_cols_js(c, cols), name); break;
    case 'f':
        call = cols && cols[0] && !cols[1]
                   ? arena_printf(c->a, "t.foreign('%s', '%s').references('%s').inTable('%s').onDelete('RESTRICT')",
                                  cols[0], name, ref_col, ref)
                   : arena_printf(c->a, "t.foreign(%s, '%s').references(...).inTable('%s').onDelete('RESTRICT')",
                                  mig_cols_js(c, cols), name, ref);
        break;
    case 'u': call = arena_printf(c->a, "t.unique(%s, { indexName: '%s' })", mig_cols_js(c, cols), name); break;
    default: call = arena_printf(c->a, "t.check('<the condition it had>', [], '%s')", name); break;
    }
    return arena_printf(c->a, "%sawait knex.schema.alterTable('%s', (t) => {\n  %s;\n});", head, jt, call);
}

void rule_M005(RuleCtx *c)
{
    if (!c->project)
        return;
    const ScanProject *p = c->project;
    Holes h = {0};
    for (int i = 0; i < p->migrations.n; i++) {
        const Migration *m = p->migrations.v[i];
        if (!mig_judged(m))
            continue;
        for (int j = 0; j < m->up.n; j++) {
            const MigEvent *e = &m->up.v[j];
            if ((e->kind != EV_DROP_CONSTRAINT && e->kind != EV_DROP_INDEX) || !e->name)
                continue;
            Created cr = find_creator(p, i, j, e);
            char kind = cr.e ? kind_of(cr.e) : 0;
            if (!kind)
                continue;
            const char *schema = e->schema ? e->schema : cr.e->schema;
            /* an index dropped by name: its table as the history left it */
            const char *table =
                e->table ? e->table : mig_follow_table(p, cr.at, (MigPos){i, j}, cr.e->schema, cr.e->table);
            if (!table)
                continue;
            const char *const *cols = cr.e->cols ? cr.e->cols : e->cols;
            const char *final = still_missing(p, i, j, schema, table, kind, cols);
            if (!final)
                continue;
            const char *obj = hole(c, &h, kind, schema, final, cols);
            if (!obj)
                continue;
            RuleId by = kind == 'p' ? RULE_S001 : kind == 'f' ? RULE_S003 : kind == 'u' ? RULE_S010 : RULE_S012;
            const char *tab = mig_table_display(c, schema, final);
            Finding *f = mig_finding(c, m, &e->origin, tab, arena_printf(c->a, "%s:%s:%s", m->name, table, e->name),
                                     "drops %s %s on %s (created in %s), and %s now reports %s", kind_name(kind, cr.e),
                                     sql_display_ident(c->a, e->name), mig_table_display(c, schema, table), cr.m->name,
                                     rule_table[by].id, obj);
            f->fix = recreate_fix(c, e, &cr, kind, schema, final, cols);
        }
    }
}
