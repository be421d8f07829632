/* M002 irreversible-migration: a migration whose down is missing, empty,
 * or leaves behind what its up created (guide 3.5: down migrations
 * implemented and tested).  One finding per migration:
 *
 *   (a) no down at all (a lone .sql file is exempt: its format has none);
 *   (b) a down that records nothing (empty, or it only throws or logs)
 *       while up changed the schema; a data migration's empty down is
 *       a deliberate no-op and is not reported;
 *   (c) a down that does not remove what up created: tables, and the
 *       indexes, constraints and columns up added to tables it did not
 *       create.  Only migrations dbaudit understood completely are judged,
 *       since an event it could not read may be the missing undo.
 *
 * (c) replays up to learn what it created (following renames and drops
 * inside up), then replays down, which removes objects by name, with their
 * table, or with a column they use (PostgreSQL drops the indexes and
 * constraints of a dropped column).  Schema changes that have no "created"
 * object (ALTER COLUMN, policies, RLS) are judged only by (b): comparing
 * old and new definitions is beyond what events say. */
#include <string.h>

#include "core/strbuf.h"
#include "rules/migration/common.h"
#include "sql/sql.h"

/* Something up created that down must remove. */
typedef struct Obj {
    MigEventKind kind; /* EV_CREATE_TABLE, EV_ADD_INDEX, EV_ADD_CONSTRAINT, EV_ADD_COLUMN */
    const char *schema, *table, *name;
    const char *const *cols; /* indexes and constraints; NULL when unknown */
    char con_kind;
    bool gone;
} Obj;

typedef VEC(Obj) ObjVec;

static bool ieq_prefix(const char *s, const char *word)
{
    return mig_detail_starts(s, word);
}

static bool contains_ci(const char *s, const char *needle)
{
    size_t n = strlen(needle);
    for (; s && *s; s++) {
        size_t i = 0;
        while (i < n && s[i] && (s[i] | 0x20) == (needle[i] | 0x20))
            i++;
        if (i == n)
            return true;
    }
    return false;
}

/* Statements that change rows, not the schema. */
static bool data_event(const MigEvent *e)
{
    if (e->kind == EV_BACKFILL)
        return true;
    if (e->kind != EV_OTHER || e->table)
        return false;
    static const char *const words[] = {"INSERT", "UPDATE", "DELETE", "COPY", "MERGE", "WITH", "TRUNCATE", "SELECT"};
    for (unsigned i = 0; i < sizeof words / sizeof words[0]; i++)
        if (ieq_prefix(e->detail, words[i]))
            return true;
    return false;
}

/* Events after which the schema is not what it was: everything but data
 * statements, markers and statements with nothing to undo (VALIDATE
 * CONSTRAINT, ANALYZE, SET...).  A statement dbaudit only knows by its
 * text counts when it creates, alters or drops something. */
static bool schema_event(const MigEvent *e)
{
    switch (e->kind) {
    case EV_BACKFILL:
    case EV_PARALLEL_DDL: return false;
    case EV_OTHER:
        if (!e->detail || contains_ci(e->detail, "validate constraint"))
            return false;
        if (e->from_sql)
            return ieq_prefix(e->detail, "CREATE") || ieq_prefix(e->detail, "ALTER") ||
                   ieq_prefix(e->detail, "DROP") || ieq_prefix(e->detail, "GRANT") ||
                   ieq_prefix(e->detail, "REVOKE") || ieq_prefix(e->detail, "COMMENT");
        /* schema builder calls: createView, dropExtension... */
        return strncmp(e->detail, "create", 6) == 0 || strncmp(e->detail, "drop", 4) == 0;
    default: return true;
    }
}

static bool same_table(const Obj *o, const char *schema, const char *table)
{
    return o->table && table && strcmp(o->table, table) == 0 && (!o->schema || !schema || strcmp(o->schema, schema) == 0);
}

static Obj *live_table(ObjVec *v, const char *schema, const char *table)
{
    for (int i = 0; i < v->n; i++)
        if (!v->v[i].gone && v->v[i].kind == EV_CREATE_TABLE && same_table(&v->v[i], schema, table))
            return &v->v[i];
    return NULL;
}

/* e removes objects of v (in up: cancelling what up itself made; in down:
 * undoing it).  cascade_fks: a DROP TABLE ... CASCADE in down, which also
 * drops foreign keys elsewhere that reference the table. */
static void apply_removal(ObjVec *v, const MigEvent *e, bool down)
{
    for (int i = 0; i < v->n; i++) {
        Obj *o = &v->v[i];
        if (o->gone)
            continue;
        switch (e->kind) {
        case EV_DROP_TABLE:
            if (same_table(o, e->schema, e->table))
                o->gone = true;
            else if (down && e->from_sql && contains_ci(e->detail, "cascade") && o->kind == EV_ADD_CONSTRAINT &&
                     o->con_kind == 'f')
                o->gone = true; /* the key may reference the dropped table: CASCADE removed it */
            break;
        case EV_RENAME_TABLE:
            if (same_table(o, e->schema, e->table)) {
                if (down && o->kind == EV_CREATE_TABLE)
                    o->gone = true; /* renamed back (or away) */
                else if (e->name)
                    o->table = e->name;
            }
            break;
        case EV_DROP_COLUMN:
            if (!same_table(o, e->schema, e->table) || !e->name)
                break;
            if (o->kind == EV_ADD_COLUMN ? strcmp(o->name, e->name) == 0
                                          : (o->kind != EV_CREATE_TABLE && (!o->cols || mig_has_col(o->cols, e->name))))
                o->gone = true; /* unknown columns: the object may well have used it */
            break;
        case EV_DROP_INDEX:
        case EV_DROP_CONSTRAINT:
            if ((o->kind == EV_ADD_INDEX || o->kind == EV_ADD_CONSTRAINT) && e->name && strcmp(o->name, e->name) == 0 &&
                (!e->table || same_table(o, e->schema, e->table)))
                o->gone = true;
            break;
        default: break;
        }
    }
}

/* What up created and down leaves: replay up, then down. */
static void leftovers(const Migration *m, ObjVec *v, Arena *a)
{
    for (int i = 0; i < m->up.n; i++) {
        const MigEvent *e = &m->up.v[i];
        switch (e->kind) {
        case EV_CREATE_TABLE:
            if (e->table)
                vec_push(a, v, ((Obj){EV_CREATE_TABLE, e->schema, e->table, NULL, NULL, 0, false}));
            break;
        case EV_ADD_COLUMN:
        case EV_ADD_INDEX:
        case EV_ADD_CONSTRAINT:
            /* objects of a table up created go with it; unnamed ones
             * cannot be matched and are not judged */
            if (!e->table || !e->name || live_table(v, e->schema, e->table))
                break;
            vec_push(a, v, ((Obj){e->kind, e->schema, e->table, e->name, e->cols, e->con_kind, false}));
            break;
        default: apply_removal(v, e, false); break;
        }
    }
    for (int i = 0; i < m->down.n; i++)
        apply_removal(v, &m->down.v[i], true);
}

static const char *describe_obj(RuleCtx *c, const Obj *o)
{
    const char *tab = o->table ? mig_table_display(c, o->schema, o->table) : NULL;
    switch (o->kind) {
    case EV_CREATE_TABLE: return arena_printf(c->a, "table %s", tab);
    case EV_ADD_COLUMN: return arena_printf(c->a, "column %s.%s", tab, sql_display_ident(c->a, o->name));
    case EV_ADD_INDEX:
        return tab ? arena_printf(c->a, "index %s on %s", sql_display_ident(c->a, o->name), tab)
                   : arena_printf(c->a, "index %s", sql_display_ident(c->a, o->name));
    default: {
        const char *kind = o->con_kind == 'f'   ? "foreign key"
                           : o->con_kind == 'u' ? "unique constraint"
                           : o->con_kind == 'p' ? "primary key"
                           : o->con_kind == 'c' ? "check constraint"
                                                : "constraint";
        return arena_printf(c->a, "%s %s on %s", kind, sql_display_ident(c->a, o->name), tab);
    }
    }
}

static const char *describe_event(RuleCtx *c, const MigEvent *e)
{
    const char *tab = e->table ? mig_table_display(c, e->schema, e->table) : "?";
    const char *name = e->name ? sql_display_ident(c->a, e->name) : "?";
    switch (e->kind) {
    case EV_CREATE_TABLE: return arena_printf(c->a, "created table %s", tab);
    case EV_DROP_TABLE: return arena_printf(c->a, "dropped table %s", tab);
    case EV_RENAME_TABLE: return arena_printf(c->a, "renamed table %s to %s", tab, name);
    case EV_ADD_COLUMN: return arena_printf(c->a, "added column %s.%s", tab, name);
    case EV_DROP_COLUMN: return arena_printf(c->a, "dropped column %s.%s", tab, name);
    case EV_ALTER_COLUMN: return arena_printf(c->a, "changed column %s.%s", tab, name);
    case EV_ADD_INDEX: return arena_printf(c->a, "created index %s", name);
    case EV_DROP_INDEX: return arena_printf(c->a, "dropped index %s", name);
    case EV_ADD_CONSTRAINT: return arena_printf(c->a, "added constraint %s on %s", name, tab);
    case EV_DROP_CONSTRAINT: return arena_printf(c->a, "dropped constraint %s on %s", name, tab);
    case EV_CREATE_TYPE: return arena_printf(c->a, "created type %s", name);
    case EV_DROP_TYPE: return arena_printf(c->a, "dropped type %s", name);
    case EV_CREATE_POLICY: return arena_printf(c->a, "created policy %s on %s", name, tab);
    case EV_DROP_POLICY: return arena_printf(c->a, "dropped policy %s on %s", name, tab);
    case EV_RLS: return arena_printf(c->a, "changed row level security on %s", tab);
    default: return e->detail ? arena_printf(c->a, "ran %s", e->detail) : "ran a schema change";
    }
}

/* "a, b, c and 2 more" */
static void list_add(StrBuf *b, int *n, const char *item)
{
    if (*n < 4)
        sb_printf(b, "%s%s", *n ? ", " : "", item);
    (*n)++;
}

static const char *list_end(RuleCtx *c, StrBuf *b, int n)
{
    if (n > 4)
        sb_printf(b, " and %d more", n - 4);
    const char *s = arena_strdup(c->a, sb_str(b));
    sb_fini(b);
    return s;
}

/* The statements that remove what is left, newest first, written the way
 * the migration is written. */
static const char *undo_fix(RuleCtx *c, const Migration *m, const ObjVec *v)
{
    StrBuf b = STRBUF_INIT;
    sb_puts(&b, m->is_sql ? "-- in the down migration, newest first:\n" : "// in down, newest first:\n");
    for (int i = v->n - 1; i >= 0; i--) {
        const Obj *o = &v->v[i];
        if (o->gone)
            continue;
        const char *q = o->table ? sql_qname(c->a, o->schema ? o->schema : "public", o->table) : NULL;
        const char *jt = o->table ? (o->schema && strcmp(o->schema, "public") != 0
                                         ? arena_printf(c->a, "%s.%s", o->schema, o->table)
                                         : o->table)
                                  : NULL;
        if (m->is_sql) {
            switch (o->kind) {
            case EV_CREATE_TABLE: sb_printf(&b, "DROP TABLE %s;\n", q); break;
            case EV_ADD_COLUMN: sb_printf(&b, "ALTER TABLE %s DROP COLUMN %s;\n", q, sql_ident(c->a, o->name)); break;
            case EV_ADD_INDEX:
                sb_printf(&b, "DROP INDEX %s;\n", sql_qname(c->a, o->schema ? o->schema : "public", o->name));
                break;
            default: sb_printf(&b, "ALTER TABLE %s DROP CONSTRAINT %s;\n", q, sql_ident(c->a, o->name)); break;
            }
            continue;
        }
        switch (o->kind) {
        case EV_CREATE_TABLE: sb_printf(&b, "await knex.schema.dropTable('%s');\n", jt); break;
        case EV_ADD_COLUMN:
            sb_printf(&b, "await knex.schema.alterTable('%s', (t) => t.dropColumn('%s'));\n", jt, o->name);
            break;
        case EV_ADD_INDEX:
            if (jt)
                sb_printf(&b, "await knex.schema.alterTable('%s', (t) => t.dropIndex(%s, '%s'));\n", jt,
                          mig_cols_js(c, o->cols), o->name);
            else
                sb_printf(&b, "await knex.raw('DROP INDEX %s');\n", sql_qname(c->a, o->schema ? o->schema : "public", o->name));
            break;
        default: {
            const char *call = o->con_kind == 'f'   ? arena_printf(c->a, "t.dropForeign(%s, '%s')", mig_cols_js(c, o->cols), o->name)
                               : o->con_kind == 'u' ? arena_printf(c->a, "t.dropUnique(%s, '%s')", mig_cols_js(c, o->cols), o->name)
                               : o->con_kind == 'p' ? arena_printf(c->a, "t.dropPrimary('%s')", o->name)
                               : o->con_kind == 'c' ? arena_printf(c->a, "t.dropChecks(['%s'])", o->name)
                                                    : NULL;
            if (call)
                sb_printf(&b, "await knex.schema.alterTable('%s', (t) => %s);\n", jt, call);
            else
                sb_printf(&b, "await knex.raw('ALTER TABLE %s DROP CONSTRAINT %s');\n", q, sql_ident(c->a, o->name));
        }
        }
    }
    if (b.len && b.s[b.len - 1] == '\n')
        b.s[--b.len] = 0;
    const char *s = arena_strdup(c->a, sb_str(&b));
    sb_fini(&b);
    return s;
}

static void judge(RuleCtx *c, const Migration *m)
{
    int nschema = 0, ndata = 0;
    for (int i = 0; i < m->up.n; i++) {
        if (schema_event(&m->up.v[i]))
            nschema++;
        else if (data_event(&m->up.v[i]))
            ndata++;
    }
    if (!m->has_down) { /* (a) */
        if (m->down_optional)
            return;
        bool data = nschema == 0 && ndata > 0;
        Finding *f = mig_finding(c, m, &m->up_origin, NULL, arena_printf(c->a, "%s:no-down", m->name),
                                 data ? "data migration %s has no down: a rollback stops here, and nothing says "
                                        "whether the rows it changed can be restored"
                                      : "migration %s has no down: a rollback cannot undo it",
                                 m->name);
        if (m->is_sql)
            rule_fix(c, f, "-- %.*s.down.sql: undo the up file's statements, newest first",
                     (int)(strlen(m->name) - (strlen(m->name) > 7 ? 7 : 0)), m->name);
        else if (data)
            rule_fix(c, f, "exports.down = async function (knex) {\n"
                           "  // restore the rows from a copy up kept; or, when the old values are still valid,\n"
                           "  // leave this empty and say so here\n"
                           "};");
        else
            rule_fix(c, f, "exports.down = async function (knex) {\n"
                           "  // undo what up did, newest first\n"
                           "};");
        return;
    }
    if (!m->understood)
        return;
    ObjVec left = {0};
    leftovers(m, &left, c->a);
    if (m->down.n == 0) { /* (b) */
        if (nschema == 0)
            return;
        StrBuf b = STRBUF_INIT;
        int n = 0;
        for (int i = 0; i < left.n; i++)
            if (!left.v[i].gone)
                list_add(&b, &n, describe_obj(c, &left.v[i]));
        if (!n)
            for (int i = 0; i < m->up.n; i++)
                if (schema_event(&m->up.v[i]))
                    list_add(&b, &n, describe_event(c, &m->up.v[i]));
        const char *what = list_end(c, &b, n);
        Finding *f = mig_finding(c, m, &m->down_origin, NULL, arena_printf(c->a, "%s:empty-down", m->name),
                                 "down of %s does nothing (it is empty, or only throws or logs), so a rollback "
                                 "leaves what up did in place: %s",
                                 m->name, what);
        if (n && left.n)
            f->fix = undo_fix(c, m, &left);
        else
            rule_fix(c, f,
                     "%s undo in down what up did, newest first; when it truly cannot be undone, say why with\n"
                     "%s dbaudit-ignore-next-line M002 -- <reason>",
                     m->is_sql ? "--" : "//", m->is_sql ? "--" : "//");
        return;
    }
    StrBuf b = STRBUF_INIT; /* (c) */
    int n = 0;
    const char *table = NULL;
    bool one_table = true;
    for (int i = 0; i < left.n; i++) {
        const Obj *o = &left.v[i];
        if (o->gone)
            continue;
        list_add(&b, &n, describe_obj(c, o));
        if (!o->table || (table && strcmp(table, o->table) != 0))
            one_table = false;
        table = o->table ? o->table : table;
    }
    const char *what = list_end(c, &b, n);
    if (!n)
        return;
    const char *object = NULL;
    for (int i = 0; one_table && i < left.n && !object; i++)
        if (!left.v[i].gone)
            object = mig_table_display(c, left.v[i].schema, left.v[i].table);
    Finding *f = mig_finding(c, m, &m->down_origin, object, arena_printf(c->a, "%s:incomplete-down", m->name),
                             "down of %s does not undo everything up created: it leaves %s, so migrate:latest "
                             "fails on %s after a rollback",
                             m->name, what, n == 1 ? "it" : "them");
    f->fix = undo_fix(c, m, &left);
}

void rule_M002(RuleCtx *c)
{
    if (!c->project)
        return;
    for (int i = 0; i < c->project->migrations.n; i++) {
        const Migration *m = c->project->migrations.v[i];
        if (mig_judged(m) && m->has_up)
            judge(c, m);
    }
}
