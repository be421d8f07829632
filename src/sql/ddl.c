/* ddl.c - SQL statements replayed into the schema model; see ddl.h.
 *
 * The text is parsed at once into libpg_query's protobuf tree.  When that
 * fails, the scanner splits the text into statements and each is parsed
 * alone, so one bad statement (a syntax error, PostgreSQL 16 syntax) costs
 * only itself.  Each statement then goes through one handler, which
 * records its events and, reading `up`, changes the model through
 * src/schema/edit.h in the order PostgreSQL itself creates things (in
 * CREATE TABLE: columns, CHECK constraints, the primary key, unique and
 * exclusion constraints, then foreign keys), because default names depend
 * on what exists already.
 *
 * This file: parsing, dispatch, tables, columns, constraints, ALTER TABLE.
 * Indexes, types, policies, triggers and data statements: ddl_objects.c.
 */
#include "sql/ddl_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sql/sql.h"

#define LIVE(d) (!(d)->k->down)

/* ---- shared helpers ---------------------------------------------------- */

Origin ddl_origin(Ddl *d, int32_t loc)
{
    size_t off = loc >= 0 ? d->base + (size_t)loc : d->stmt;
    if (!d->pos)
        return (Origin){0};
    return d->pos(d->arg, off);
}

MigEvent ddl_ev(Ddl *d, MigEventKind kind, const char *schema, const char *table, const char *name, int32_t loc)
{
    MigEvent e = {0};
    e.kind = kind;
    e.schema = schema;
    e.table = table ? edit_identifier(d->s, table) : NULL;
    e.name = name ? edit_identifier(d->s, name) : NULL;
    e.detail = d->detail;
    e.from_sql = true;
    e.origin = ddl_origin(d, loc);
    return e;
}

static void event(Ddl *d, MigEventKind kind, const char *schema, const char *table, const char *name, int32_t loc)
{
    MigEvent e = ddl_ev(d, kind, schema, table, name, loc);
    mig_event(d->k, &e);
}

void ddl_not_understood(Ddl *d, int32_t loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    mig_vnot_understood(d->k, ddl_origin(d, loc), fmt, ap);
    va_end(ap);
}

const char *ddl_schema_of(Ddl *d, const char *schemaname)
{
    if (schemaname && *schemaname)
        return edit_identifier(d->s, schemaname);
    return d->k->default_schema ? d->k->default_schema : "public";
}

static bool schema_is_empty(const Schema *s, const char *schema)
{
    for (int i = 0; i < s->tables.n; i++)
        if (strcmp(s->tables.v[i]->schema, schema) == 0)
            return false;
    return true;
}

Table *ddl_table(Ddl *d, const PgQuery__RangeVar *rv)
{
    if (!rv)
        return NULL;
    const char *name = edit_identifier(d->s, rv->relname);
    Table *t = schema_table(d->s, ddl_schema_of(d, rv->schemaname), name);
    /* "app.users" when the earlier migrations created "users" unqualified
     * and nothing in "app": they ran with app first in the search path
     * (set where dbaudit cannot read it, such as a computed knexfile), so
     * it is the same table. */
    if (!t && rv->schemaname && *rv->schemaname) {
        const char *dflt = ddl_schema_of(d, NULL);
        const char *sch = ddl_schema_of(d, rv->schemaname);
        if (strcmp(sch, dflt) != 0 && schema_is_empty(d->s, sch))
            t = schema_table(d->s, dflt, name);
    }
    return t;
}

/* The first words of the statement, upper-cased, for messages: "ALTER TABLE". */
static const char *stmt_words(Ddl *d, int n)
{
    const char *e = d->detail ? d->detail : "";
    const char *p = e;
    for (int i = 0; i < n && *p; i++) {
        p += strcspn(p, " ");
        if (i + 1 < n && *p)
            p++;
    }
    char *w = arena_strndup(d->a, e, (size_t)(p - e));
    for (char *q = w; *q; q++)
        if (*q >= 'a' && *q <= 'z')
            *q = (char)(*q - 'a' + 'A');
    return w;
}

/* NULL-terminated names of a list of String nodes. */
static const char **str_list(Ddl *d, PgQuery__Node **v, size_t n)
{
    const char **r = arena_alloc(d->a, sizeof *r * (n + 1));
    for (size_t i = 0; i < n; i++) {
        const char *s = ddl_str(v[i]);
        if (!s && v[i]->node_case == PG_QUERY__NODE__NODE_INDEX_ELEM)
            s = v[i]->index_elem->name;
        r[i] = s && *s ? edit_identifier(d->s, s) : NULL;
    }
    return r;
}

/* Column indexes of names (n of them); false (reported) when one is missing. */
static bool col_indexes(Ddl *d, Table *t, const char **names, int n, int32_t loc, int **out)
{
    int *v = arena_alloc(d->a, sizeof *v * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++) {
        v[i] = names[i] ? table_column_index(t, names[i]) : -1;
        if (names[i] && v[i] < 0) {
            ddl_not_understood(d, loc, "column %s is not in table %s as the earlier migrations left it", names[i],
                               t->qname);
            return false;
        }
    }
    *out = v;
    return true;
}

/* ---- columns ----------------------------------------------------------- */

/* "<table>_<col>_seq" shortened the way makeObjectName() does. */
static const char *seq_name(Ddl *d, const char *table, const char *col)
{
    size_t n1 = strlen(table), n2 = strlen(col), avail = 63 - strlen("_seq") - 1;
    while (n1 + n2 > avail) {
        if (n1 > n2)
            n1--;
        else
            n2--;
    }
    while (n1 > 0 && ((unsigned char)table[n1] & 0xc0) == 0x80)
        n1--;
    while (n2 > 0 && ((unsigned char)col[n2] & 0xc0) == 0x80)
        n2--;
    return arena_printf(d->a, "%.*s_%.*s_seq", (int)n1, table, (int)n2, col);
}

static void column_into(Ddl *d, const char *schema, const char *table, const PgQuery__ColumnDef *cd, Column *c)
{
    memset(c, 0, sizeof *c);
    c->name = edit_identifier(d->s, cd->colname);
    DdlType ty;
    if (!ddl_type(d->a, d->s, d->k->default_schema ? d->k->default_schema : "public", cd->type_name, &ty)) {
        ddl_not_understood(d, cd->location, "the type of column %s is not understood", c->name);
        ty.text = "unknown";
    }
    c->type = ty.text;
    c->type_kind = ty.kind;
    c->is_array = ty.is_array;
    c->domain_checked = ty.domain_checked;
    c->base_type = ty.base_type;
    if (ty.serial) {
        const char *seq = seq_name(d, edit_identifier(d->s, table), c->name);
        const char *rel = strcmp(schema, "public") == 0 ? sql_ident(d->a, seq) : sql_qname(d->a, schema, seq);
        c->default_expr = arena_printf(d->a, "nextval('%s'::regclass)", rel);
        c->not_null = true;
    }
    if (cd->is_not_null)
        c->not_null = true;
    if (cd->raw_default)
        c->default_expr = ddl_expr_text(d, cd->raw_default);
    for (size_t i = 0; i < cd->n_constraints; i++) {
        const PgQuery__Constraint *k = cd->constraints[i]->constraint;
        if (!k)
            continue;
        switch (k->contype) {
        case PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL: c->not_null = true; break;
        case PG_QUERY__CONSTR_TYPE__CONSTR_DEFAULT: c->default_expr = ddl_expr_text(d, k->raw_expr); break;
        case PG_QUERY__CONSTR_TYPE__CONSTR_IDENTITY:
            c->identity = k->generated_when && k->generated_when[0] ? k->generated_when[0] : 'a';
            c->not_null = true;
            break;
        case PG_QUERY__CONSTR_TYPE__CONSTR_GENERATED:
            c->generated = true;
            c->default_expr = ddl_expr_text(d, k->raw_expr);
            break;
        case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY: c->not_null = true; break;
        default: break;
        }
    }
    c->origin = ddl_origin(d, cd->location);
}

/* ---- constraints ------------------------------------------------------- */

static bool same_cols(const int *a, int na, const int *b, int nb)
{
    if (na != nb)
        return false;
    for (int i = 0; i < na; i++)
        if (a[i] != b[i])
            return false;
    return true;
}

/* Text of a constraint as written, from its location to the end of the
 * element, without a leading "CONSTRAINT name". */
static const char *constraint_source(Ddl *d, int32_t loc)
{
    size_t from = d->base + (size_t)(loc >= 0 ? loc : 0);
    size_t to = ddl_element_end(d->sql, from);
    const char *text = ddl_excerpt(d->a, d->sql, from, to, 100000);
    if (strncasecmp(text, "constraint ", 11) == 0) {
        const char *p = text + 11;
        if (*p == '"') {
            for (p++; *p && !(*p == '"' && p[1] != '"'); p++)
                if (*p == '"')
                    p++;
            if (*p)
                p++;
        } else
            p += strcspn(p, " ");
        while (*p == ' ')
            p++;
        text = p;
    }
    return text;
}

/* The referenced table's primary key columns, for REFERENCES t without
 * a column list. */
static const char **ref_pkey(Ddl *d, const Table *rt, int *n)
{
    const Constraint *pk = rt ? table_primary_key(rt) : NULL;
    *n = 0;
    if (!pk)
        return NULL;
    const char **v = arena_alloc(d->a, sizeof *v * (size_t)(pk->ncols + 1));
    for (int i = 0; i < pk->ncols; i++)
        v[i] = pk->cols[i] >= 0 ? rt->columns.v[pk->cols[i]].name : NULL;
    *n = pk->ncols;
    return v;
}

static void index_elem_cols(Ddl *d, Table *t, PgQuery__Node **elems, size_t n, int **cols, const char ***exprs)
{
    int *c = arena_alloc(d->a, sizeof *c * (n + 1));
    const char **e = arena_alloc(d->a, sizeof *e * (n + 1));
    for (size_t i = 0; i < n; i++) {
        const PgQuery__Node *nd = elems[i];
        if (nd->node_case == PG_QUERY__NODE__NODE_LIST && nd->list->n_items)
            nd = nd->list->items[0]; /* EXCLUDE: (elem, operator) */
        const PgQuery__IndexElem *ie = nd->node_case == PG_QUERY__NODE__NODE_INDEX_ELEM ? nd->index_elem : NULL;
        c[i] = -1;
        if (ie && ie->name && *ie->name)
            c[i] = t ? table_column_index(t, edit_identifier(d->s, ie->name)) : -1;
        else if (ie && ie->expr)
            e[i] = ddl_expr_text(d, ie->expr);
    }
    *cols = c;
    *exprs = e;
}

void ddl_add_constraint(Ddl *d, Table *t, const PgQuery__Constraint *con, int col, const char *colname,
                        bool in_create)
{
    const char *schema = d->tschema;
    const char *tname = d->tname;
    MigEvent e = ddl_ev(d, EV_ADD_CONSTRAINT, schema, tname, con->conname && *con->conname ? con->conname : NULL,
                        con->location);
    Constraint c = {0};
    c.name = con->conname && *con->conname ? con->conname : NULL;
    c.deferrable = con->deferrable;
    c.deferred = con->initdeferred;
    c.validated = !con->skip_validation;
    c.origin = ddl_origin(d, con->location);
    colname = colname ? edit_identifier(d->s, colname) : NULL;
    const char **names = NULL;
    int n = 0;
    switch (con->contype) {
    case PG_QUERY__CONSTR_TYPE__CONSTR_CHECK: {
        c.kind = CON_CHECK;
        const char *text = ddl_expr_text(d, con->raw_expr);
        if (!text) {
            ddl_not_understood(d, con->location, "CHECK expression is not understood");
            return;
        }
        const char *err = NULL;
        SqlExpr *x = sql_expr_parse(d->a, text, &err);
        names = x ? sql_expr_columns(d->a, x) : NULL;
        while (names && names[n])
            n++;
        c.expr = arena_printf(d->a, "CHECK (%s)%s", text, c.validated ? "" : " NOT VALID");
        break;
    }
    case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY:
    case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE:
        c.kind = con->contype == PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY ? CON_PRIMARY : CON_UNIQUE;
        c.validated = true;
        if (con->n_keys) {
            names = str_list(d, con->keys, con->n_keys);
            n = (int)con->n_keys;
        }
        break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_EXCLUSION:
        c.kind = CON_EXCLUDE;
        c.validated = true;
        c.expr = constraint_source(d, con->location);
        break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN:
        c.kind = CON_FOREIGN;
        if (con->n_fk_attrs) {
            names = str_list(d, con->fk_attrs, con->n_fk_attrs);
            n = (int)con->n_fk_attrs;
        }
        c.on_delete = (FkAction)(con->fk_del_action && con->fk_del_action[0] ? con->fk_del_action[0] : 'a');
        c.on_update = (FkAction)(con->fk_upd_action && con->fk_upd_action[0] ? con->fk_upd_action[0] : 'a');
        c.match_type = con->fk_matchtype && con->fk_matchtype[0] ? con->fk_matchtype[0] : 's';
        if (con->pktable) {
            c.ref_schema = ddl_schema_of(d, con->pktable->schemaname);
            c.ref_table = edit_identifier(d->s, con->pktable->relname);
        }
        {
            size_t from = d->base + (size_t)(con->location >= 0 ? con->location : 0);
            e.explicit_on_delete = ddl_has_words(d->sql, from, ddl_element_end(d->sql, from), "on delete");
        }
        e.ref_schema = c.ref_schema;
        e.ref_table = c.ref_table;
        break;
    default:
        return; /* NOT NULL, DEFAULT, identity...: part of the column */
    }
    if (!names && colname && c.kind != CON_EXCLUDE && c.kind != CON_CHECK) {
        names = arena_alloc(d->a, sizeof *names * 2);
        names[0] = colname;
        n = 1;
    }
    e.con_kind = (char)c.kind;
    if (names) {
        const char **z = arena_alloc(d->a, sizeof *z * (size_t)(n + 1));
        memcpy(z, names, sizeof *z * (size_t)n);
        e.cols = z;
    }
    if (!LIVE(d) || !t) {
        mig_event(d->k, &e);
        return;
    }

    /* ADD CONSTRAINT ... USING INDEX: the index becomes the constraint's. */
    if (con->indexname && *con->indexname) {
        Index *x = NULL;
        const char *iname = edit_identifier(d->s, con->indexname);
        if (!(x = edit_table_index(t, iname))) {
            ddl_not_understood(d, con->location, "index %s is not on table %s", iname, t->qname);
            return;
        }
        c.ncols = x->nkeys;
        c.cols = arena_memdup(d->a, x->cols, (size_t)x->nkeys, sizeof *x->cols);
        bool nnd = x->nulls_not_distinct;
        Origin io = x->origin;
        if (!c.name)
            c.name = iname;
        edit_drop_index(d->s, t->schema, iname);
        Constraint *added = edit_add_constraint(d->s, t, &c);
        Index *nx = NULL;
        if ((nx = edit_table_index(t, added->index_name))) {
            nx->nulls_not_distinct = nnd;
            nx->origin = io;
        }
        e.name = added->name;
        mig_event(d->k, &e);
        return;
    }

    if (c.kind == CON_FOREIGN && !c.nref) {
        if (con->n_pk_attrs) {
            c.ref_cols = str_list(d, con->pk_attrs, con->n_pk_attrs);
            c.nref = (int)con->n_pk_attrs;
        } else {
            const Table *rt = schema_table(d->s, c.ref_schema, c.ref_table);
            c.ref_cols = ref_pkey(d, rt, &c.nref);
            if (!c.ref_cols) {
                ddl_not_understood(d, con->location,
                                   "foreign key references %s.%s without columns, and the earlier migrations gave it "
                                   "no primary key",
                                   c.ref_schema, c.ref_table);
                return;
            }
        }
    }
    int *cols = NULL;
    const char **exprs = NULL;
    if (c.kind == CON_EXCLUDE) {
        index_elem_cols(d, t, con->exclusions, con->n_exclusions, &cols, &exprs);
        n = (int)con->n_exclusions;
    } else if (!col_indexes(d, t, names, n, con->location, &cols))
        return;
    c.cols = cols;
    c.ncols = n;

    /* CREATE TABLE drops a unique constraint that repeats the primary key
     * or an earlier one (transformIndexConstraints). */
    if (in_create && (c.kind == CON_UNIQUE || c.kind == CON_PRIMARY)) {
        for (int i = 0; i < t->constraints.n; i++) {
            const Constraint *o = &t->constraints.v[i];
            if ((o->kind == CON_PRIMARY || o->kind == CON_UNIQUE) && same_cols(o->cols, o->ncols, c.cols, c.ncols) &&
                o->deferrable == c.deferrable && c.kind == CON_UNIQUE) {
                e.name = o->name;
                mig_event(d->k, &e);
                return;
            }
        }
    }
    if (c.kind == CON_PRIMARY && table_primary_key(t)) {
        ddl_not_understood(d, con->location, "adds a second primary key to %s", t->qname);
        return;
    }
    if (c.name && edit_find_constraint(t, edit_identifier(d->s, c.name))) {
        ddl_not_understood(d, con->location, "constraint %s already exists on %s", c.name, t->qname);
        return;
    }
    Constraint *added = edit_add_constraint(d->s, t, &c);
    e.name = added->name;
    if (c.kind == CON_PRIMARY || c.kind == CON_UNIQUE) {
        Index *x = NULL;
        if ((x = edit_table_index(t, added->index_name))) {
            x->nulls_not_distinct = con->nulls_not_distinct;
            x->has_include = con->n_including > 0;
        }
    } else if (c.kind == CON_EXCLUDE) {
        Index x = {0};
        x.name = added->name;
        x.valid = true;
        x.backs_constraint = true;
        x.method = con->access_method && *con->access_method ? con->access_method : "gist";
        x.nkeys = n;
        x.cols = cols;
        x.exprs = exprs;
        x.has_include = con->n_including > 0;
        x.predicate = con->where_clause ? ddl_expr_text(d, con->where_clause) : NULL;
        x.origin = added->origin;
        edit_add_index(d->s, t, &x);
        /* edit_add_index may have moved the constraints vector: find it again */
        Constraint *again = edit_find_constraint(t, x.name);
        if (again)
            again->index_name = again->name;
    }
    mig_event(d->k, &e);
}

/* Column constraint attributes (DEFERRABLE, INITIALLY DEFERRED) follow the
 * constraint they qualify in the column's list. */
static void apply_attrs(PgQuery__Node **v, size_t n)
{
    PgQuery__Constraint *last = NULL;
    for (size_t i = 0; i < n; i++) {
        PgQuery__Constraint *k = v[i]->constraint;
        if (!k)
            continue;
        switch (k->contype) {
        case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_DEFERRABLE: if (last) last->deferrable = true; break;
        case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_NOT_DEFERRABLE: if (last) last->deferrable = false; break;
        case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_DEFERRED:
            if (last) {
                last->initdeferred = true;
                last->deferrable = true;
            }
            break;
        case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_IMMEDIATE: if (last) last->initdeferred = false; break;
        default: last = k; break;
        }
    }
}

/* The order PostgreSQL creates a table's constraints in. */
static int con_pass(PgQuery__ConstrType t)
{
    switch (t) {
    case PG_QUERY__CONSTR_TYPE__CONSTR_CHECK: return 0;
    case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY: return 1;
    case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE:
    case PG_QUERY__CONSTR_TYPE__CONSTR_EXCLUSION: return 2;
    case PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN: return 3;
    default: return -1;
    }
}

/* ---- CREATE TABLE ------------------------------------------------------ */

/* True when CREATE TABLE finds the table there already (reported unless
 * IF NOT EXISTS). */
static bool table_exists(Ddl *d, const char *schema, const char *name, bool if_not_exists)
{
    if (!schema_table(d->s, schema, name))
        return false;
    if (!if_not_exists)
        ddl_not_understood(d, -1, "creates table %s.%s, which an earlier migration already created", schema, name);
    return true;
}

/* CREATE TABLE p PARTITION OF parent FOR VALUES ...: the partition gets the
 * parent's columns, its CHECK constraints, clones of its foreign keys, and
 * its own copies of the parent's keys and indexes under the names
 * PostgreSQL chooses for them, marked inherited as the catalog marks them
 * (rules judge the parent, not every partition). */
static void create_partition(Ddl *d, const PgQuery__CreateStmt *cs)
{
    const PgQuery__RangeVar *rv = cs->relation;
    const PgQuery__RangeVar *prv = cs->n_inh_relations && cs->inh_relations[0]->range_var
                                       ? cs->inh_relations[0]->range_var
                                       : NULL;
    const char *schema = ddl_schema_of(d, rv->schemaname);
    const char *name = edit_identifier(d->s, rv->relname);
    d->tschema = schema;
    d->tname = name;
    Table *parent = prv ? ddl_table(d, prv) : NULL;
    if (LIVE(d)) {
        if (!parent) {
            ddl_not_understood(d, -1, "creates partition %s.%s of a table the earlier migrations did not create",
                               schema, name);
            return;
        }
        if (table_exists(d, schema, name, cs->if_not_exists))
            return;
    }
    event(d, EV_CREATE_TABLE, schema, name, NULL, -1);
    if (!LIVE(d))
        return;
    Table *t = edit_create_table(d->s, schema, name, ddl_origin(d, -1));
    t->kind = cs->partspec ? 'p' : 'r';
    t->is_partition = true;
    t->parent = arena_strdup(&d->s->arena, parent->qname);
    for (int i = 0; i < parent->columns.n; i++) {
        Column c = parent->columns.v[i];
        c.origin = t->origin;
        edit_add_column(d->s, t, &c);
    }
    int ncons = parent->constraints.n;
    for (int i = 0; i < ncons; i++) {
        Constraint k = parent->constraints.v[i];
        if (k.kind == CON_EXCLUDE)
            continue;
        k.origin = t->origin;
        k.index_name = NULL;
        if (k.kind == CON_PRIMARY || k.kind == CON_UNIQUE)
            k.name = NULL; /* PostgreSQL names the partition's own key */
        Constraint *added = edit_add_constraint(d->s, t, &k);
        added->inherited = k.kind != CON_CHECK;
        if (added->index_name) {
            Index *x;
            if ((x = edit_table_index(t, added->index_name)))
                x->inherited = true;
        }
    }
    int nidx = parent->indexes.n;
    for (int i = 0; i < nidx; i++) {
        Index x = parent->indexes.v[i];
        if (x.backs_constraint)
            continue;
        x.name = NULL;
        x.origin = t->origin;
        edit_add_index(d->s, t, &x)->inherited = true;
    }
}

static void create_table(Ddl *d, const PgQuery__CreateStmt *cs)
{
    const PgQuery__RangeVar *rv = cs->relation;
    if (rv->relpersistence && rv->relpersistence[0] == 't') {
        event(d, EV_OTHER, NULL, NULL, NULL, -1); /* a temporary table lives for one session */
        return;
    }
    if (cs->partbound) {
        create_partition(d, cs);
        return;
    }
    if (cs->n_inh_relations) {
        ddl_not_understood(d, -1, "CREATE TABLE ... INHERITS is not modelled");
        return;
    }
    if (cs->of_typename) {
        ddl_not_understood(d, -1, "CREATE TABLE ... OF type is not modelled");
        return;
    }
    const char *schema = ddl_schema_of(d, rv->schemaname);
    const char *name = edit_identifier(d->s, rv->relname);
    d->tschema = schema;
    d->tname = name;
    Table *t = NULL;
    if (LIVE(d) && table_exists(d, schema, name, cs->if_not_exists))
        return;
    event(d, EV_CREATE_TABLE, schema, name, NULL, -1);
    if (LIVE(d))
        t = edit_create_table(d->s, schema, name, ddl_origin(d, -1));
    if (t)
        t->kind = 'r';
    int *colidx = arena_alloc(d->a, sizeof *colidx * (cs->n_table_elts + 1));
    for (size_t i = 0; i < cs->n_table_elts; i++) {
        PgQuery__Node *el = cs->table_elts[i];
        colidx[i] = -1;
        if (el->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF) {
            apply_attrs(el->column_def->constraints, el->column_def->n_constraints);
            if (!t)
                continue;
            Column c;
            column_into(d, schema, name, el->column_def, &c);
            colidx[i] = edit_add_column(d->s, t, &c);
            if (colidx[i] < 0)
                ddl_not_understood(d, el->column_def->location, "column %s is defined twice", c.name);
        } else if (el->node_case == PG_QUERY__NODE__NODE_TABLE_LIKE_CLAUSE) {
            ddl_not_understood(d, -1, "CREATE TABLE ... (LIKE ...) is not modelled");
        }
    }
    for (int pass = 0; pass < 4; pass++) {
        for (size_t i = 0; i < cs->n_table_elts; i++) {
            PgQuery__Node *el = cs->table_elts[i];
            if (el->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF) {
                if (t && colidx[i] < 0)
                    continue;
                for (size_t j = 0; j < el->column_def->n_constraints; j++) {
                    const PgQuery__Constraint *k = el->column_def->constraints[j]->constraint;
                    if (k && con_pass(k->contype) == pass)
                        ddl_add_constraint(d, t, k, colidx[i], el->column_def->colname, true);
                }
            } else if (el->node_case == PG_QUERY__NODE__NODE_CONSTRAINT) {
                if (con_pass(el->constraint->contype) == pass)
                    ddl_add_constraint(d, t, el->constraint, -1, NULL, true);
            }
        }
    }
    for (size_t i = 0; i < cs->n_constraints; i++) /* CREATE TABLE ... (constraints given apart) */
        if (cs->constraints[i]->constraint)
            ddl_add_constraint(d, t, cs->constraints[i]->constraint, -1, NULL, true);
    if (cs->partspec && t) {
        t->kind = 'p';
        const PgQuery__PartitionSpec *ps = cs->partspec;
        int *pk = arena_alloc(d->a, sizeof *pk * (ps->n_part_params + 1));
        for (size_t i = 0; i < ps->n_part_params; i++) {
            const PgQuery__PartitionElem *pe = ps->part_params[i]->partition_elem;
            pk[i] = pe && pe->name && *pe->name ? table_column_index(t, edit_identifier(d->s, pe->name)) : -1;
        }
        t->npartkey = (int)ps->n_part_params;
        t->partkey = pk;
    }
}

/* ---- ALTER TABLE ------------------------------------------------------- */

static Column *alter_col(Ddl *d, Table *t, const char *name, int32_t loc, bool missing_ok)
{
    if (!t)
        return NULL;
    int i = table_column_index(t, edit_identifier(d->s, name));
    if (i < 0) {
        if (!missing_ok)
            ddl_not_understood(d, loc, "column %s is not in table %s as the earlier migrations left it", name,
                               t->qname);
        return NULL;
    }
    return &t->columns.v[i];
}

static const char *const at_name[] = {
    [PG_QUERY__ALTER_TABLE_TYPE__AT_SetTableSpace] = "SET TABLESPACE",
    [PG_QUERY__ALTER_TABLE_TYPE__AT_SetLogged] = "SET LOGGED",
    [PG_QUERY__ALTER_TABLE_TYPE__AT_SetUnLogged] = "SET UNLOGGED",
    [PG_QUERY__ALTER_TABLE_TYPE__AT_SetAccessMethod] = "SET ACCESS METHOD",
    [PG_QUERY__ALTER_TABLE_TYPE__AT_AddInherit] = "INHERIT",
    [PG_QUERY__ALTER_TABLE_TYPE__AT_DropInherit] = "NO INHERIT",
    [PG_QUERY__ALTER_TABLE_TYPE__AT_AddOf] = "OF",
    [PG_QUERY__ALTER_TABLE_TYPE__AT_DropOf] = "NOT OF",
    [PG_QUERY__ALTER_TABLE_TYPE__AT_AttachPartition] = "ATTACH PARTITION",
    [PG_QUERY__ALTER_TABLE_TYPE__AT_DetachPartition] = "DETACH PARTITION",
    [PG_QUERY__ALTER_TABLE_TYPE__AT_DetachPartitionFinalize] = "DETACH PARTITION ... FINALIZE",
    [PG_QUERY__ALTER_TABLE_TYPE__AT_EnableRule] = "ENABLE RULE",
    [PG_QUERY__ALTER_TABLE_TYPE__AT_EnableAlwaysRule] = "ENABLE ALWAYS RULE",
    [PG_QUERY__ALTER_TABLE_TYPE__AT_EnableReplicaRule] = "ENABLE REPLICA RULE",
    [PG_QUERY__ALTER_TABLE_TYPE__AT_DisableRule] = "DISABLE RULE",
    [PG_QUERY__ALTER_TABLE_TYPE__AT_AlterColumnGenericOptions] = "ALTER COLUMN ... OPTIONS",
    [PG_QUERY__ALTER_TABLE_TYPE__AT_GenericOptions] = "OPTIONS",
};

static void alter_cmd(Ddl *d, Table *t, const char *schema, const char *tname, const PgQuery__AlterTableCmd *cmd)
{
    bool live = LIVE(d) && t;
    const char *cname = cmd->name && *cmd->name ? cmd->name : NULL;
    switch (cmd->subtype) {
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumn:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumnRecurse: {
        const PgQuery__ColumnDef *cd = cmd->def ? cmd->def->column_def : NULL;
        if (!cd)
            break;
        apply_attrs(cd->constraints, cd->n_constraints);
        int ci = -1;
        if (live) {
            if (table_column_index(t, edit_identifier(d->s, cd->colname)) >= 0) {
                if (!cmd->missing_ok)
                    ddl_not_understood(d, cd->location, "adds column %s, which %s already has", cd->colname,
                                       t->qname);
                return;
            }
        }
        event(d, EV_ADD_COLUMN, schema, tname, cd->colname, cd->location);
        if (live) {
            Column c;
            column_into(d, schema, tname, cd, &c);
            ci = edit_add_column(d->s, t, &c);
        }
        for (int pass = 0; pass < 4; pass++)
            for (size_t j = 0; j < cd->n_constraints; j++) {
                const PgQuery__Constraint *k = cd->constraints[j]->constraint;
                if (k && con_pass(k->contype) == pass)
                    ddl_add_constraint(d, live ? t : NULL, k, ci, cd->colname, false);
            }
        return;
    }
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DropColumn:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DropColumnRecurse: {
        int i = live ? table_column_index(t, edit_identifier(d->s, cname)) : -1;
        if (live && i < 0) {
            if (!cmd->missing_ok)
                ddl_not_understood(d, -1, "drops column %s, which %s does not have", cname, t->qname);
            return;
        }
        event(d, EV_DROP_COLUMN, schema, tname, cname, -1);
        if (live)
            edit_drop_column(d->s, t, i);
        return;
    }
    case PG_QUERY__ALTER_TABLE_TYPE__AT_ColumnDefault:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DropNotNull:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_SetNotNull:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AlterColumnType:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AddIdentity:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_SetIdentity:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DropIdentity:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DropExpression: {
        Column *c = live ? alter_col(d, t, cname, -1, false) : NULL;
        if (live && !c)
            return;
        event(d, EV_ALTER_COLUMN, schema, tname, cname, -1);
        if (!c)
            return;
        switch (cmd->subtype) {
        case PG_QUERY__ALTER_TABLE_TYPE__AT_ColumnDefault:
            c->default_expr = cmd->def ? ddl_expr_text(d, cmd->def) : NULL;
            break;
        case PG_QUERY__ALTER_TABLE_TYPE__AT_DropNotNull: c->not_null = false; break;
        case PG_QUERY__ALTER_TABLE_TYPE__AT_SetNotNull: c->not_null = true; break;
        case PG_QUERY__ALTER_TABLE_TYPE__AT_AlterColumnType: {
            const PgQuery__ColumnDef *cd = cmd->def ? cmd->def->column_def : NULL;
            DdlType ty;
            if (!cd || !ddl_type(d->a, d->s, d->k->default_schema ? d->k->default_schema : "public", cd->type_name,
                                 &ty) || ty.serial) {
                ddl_not_understood(d, -1, "the new type of column %s is not understood", cname);
                return;
            }
            c->type = ty.text;
            c->type_kind = ty.kind;
            c->is_array = ty.is_array;
            c->domain_checked = ty.domain_checked;
            c->base_type = ty.base_type;
            break;
        }
        case PG_QUERY__ALTER_TABLE_TYPE__AT_AddIdentity: {
            const PgQuery__Constraint *k = cmd->def ? cmd->def->constraint : NULL;
            c->identity = k && k->generated_when && k->generated_when[0] ? k->generated_when[0] : 'a';
            c->not_null = true;
            break;
        }
        case PG_QUERY__ALTER_TABLE_TYPE__AT_SetIdentity: {
            /* SET GENERATED ALWAYS / BY DEFAULT, or sequence options */
            if (cmd->def && cmd->def->node_case == PG_QUERY__NODE__NODE_LIST) {
                for (size_t i = 0; i < cmd->def->list->n_items; i++) {
                    const PgQuery__Node *o = cmd->def->list->items[i];
                    if (o->node_case == PG_QUERY__NODE__NODE_DEF_ELEM && strcmp(o->def_elem->defname, "generated") == 0 &&
                        o->def_elem->arg && o->def_elem->arg->node_case == PG_QUERY__NODE__NODE_INTEGER)
                        c->identity = (char)o->def_elem->arg->integer->ival;
                }
            }
            break;
        }
        case PG_QUERY__ALTER_TABLE_TYPE__AT_DropIdentity: c->identity = 0; break;
        case PG_QUERY__ALTER_TABLE_TYPE__AT_DropExpression:
            c->generated = false;
            c->default_expr = NULL;
            break;
        default: break;
        }
        c->origin = ddl_origin(d, -1);
        return;
    }
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraint:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraintRecurse:
        if (cmd->def && cmd->def->constraint) {
            ddl_add_constraint(d, live ? t : NULL, cmd->def->constraint, -1, NULL, false);
        }
        return;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_ValidateConstraint:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_ValidateConstraintRecurse: {
        Constraint *c = live ? edit_find_constraint(t, edit_identifier(d->s, cname)) : NULL;
        if (live && !c) {
            ddl_not_understood(d, -1, "validates constraint %s, which %s does not have", cname, t->qname);
            return;
        }
        MigEvent e = ddl_ev(d, EV_OTHER, schema, tname, cname, -1);
        e.con_kind = c ? (char)c->kind : 0;
        mig_event(d->k, &e);
        if (c && !c->validated) {
            c->validated = true;
            size_t n = c->expr ? strlen(c->expr) : 0;
            if (n > 10 && strcmp(c->expr + n - 10, " NOT VALID") == 0)
                c->expr = arena_strndup(d->a, c->expr, n - 10);
        }
        return;
    }
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DropConstraint:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DropConstraintRecurse: {
        Constraint *c = live ? edit_find_constraint(t, edit_identifier(d->s, cname)) : NULL;
        if (live && !c) {
            if (!cmd->missing_ok)
                ddl_not_understood(d, -1, "drops constraint %s, which %s does not have", cname, t->qname);
            return;
        }
        MigEvent e = ddl_ev(d, EV_DROP_CONSTRAINT, schema, tname, cname, -1);
        e.con_kind = c ? (char)c->kind : 0;
        mig_event(d->k, &e);
        if (c)
            edit_drop_constraint(d->s, t, c->name);
        return;
    }
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AlterConstraint: {
        const PgQuery__Constraint *k = cmd->def ? cmd->def->constraint : NULL;
        if (!k)
            return;
        Constraint *c = live ? edit_find_constraint(t, edit_identifier(d->s, k->conname)) : NULL;
        if (live && !c) {
            ddl_not_understood(d, -1, "alters constraint %s, which %s does not have", k->conname, t->qname);
            return;
        }
        event(d, EV_OTHER, schema, tname, k->conname, -1);
        if (c) {
            c->deferrable = k->deferrable;
            c->deferred = k->initdeferred;
        }
        return;
    }
    case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableRowSecurity:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableRowSecurity:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_ForceRowSecurity:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_NoForceRowSecurity: {
        static const char *what[] = {"ENABLE ROW LEVEL SECURITY", "DISABLE ROW LEVEL SECURITY",
                                     "FORCE ROW LEVEL SECURITY", "NO FORCE ROW LEVEL SECURITY"};
        int w = (int)(cmd->subtype - PG_QUERY__ALTER_TABLE_TYPE__AT_EnableRowSecurity);
        MigEvent e = ddl_ev(d, EV_RLS, schema, tname, NULL, -1);
        e.detail = what[w];
        mig_event(d->k, &e);
        if (!live)
            return;
        if (w == 0 || w == 1)
            t->rls_enabled = w == 0;
        else
            t->rls_forced = w == 2;
        return;
    }
    case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableTrig:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableAlwaysTrig:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableReplicaTrig:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrig:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableTrigAll:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrigAll:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableTrigUser:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrigUser:
        event(d, EV_OTHER, schema, tname, cname, -1);
        if (live)
            ddl_set_triggers(d, t, cmd->subtype, cname);
        return;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_ChangeOwner:
        event(d, EV_OTHER, schema, tname, NULL, -1);
        if (live && cmd->newowner && cmd->newowner->roletype == PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_CSTRING)
            t->owner = arena_strdup(d->a, cmd->newowner->rolename);
        return;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_ReplicaIdentity: {
        event(d, EV_OTHER, schema, tname, NULL, -1);
        const PgQuery__ReplicaIdentityStmt *ri =
            cmd->def && cmd->def->node_case == PG_QUERY__NODE__NODE_REPLICA_IDENTITY_STMT ? cmd->def->replica_identity_stmt
                                                                                          : NULL;
        if (!live || !ri)
            return;
        for (int i = 0; i < t->indexes.n; i++)
            t->indexes.v[i].replica_identity =
                ri->identity_type[0] == 'i' && strcmp(t->indexes.v[i].name, edit_identifier(d->s, ri->name)) == 0;
        return;
    }
    /* Physical storage and planner settings: nothing the model holds. */
    case PG_QUERY__ALTER_TABLE_TYPE__AT_SetStatistics:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_SetOptions:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_ResetOptions:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_SetStorage:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_SetCompression:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_SetRelOptions:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_ResetRelOptions:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_ReplaceRelOptions:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_ClusterOn:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DropCluster:
        event(d, EV_OTHER, schema, tname, NULL, -1);
        return;
    default: {
        const char *what = (size_t)cmd->subtype < sizeof at_name / sizeof at_name[0] ? at_name[cmd->subtype] : NULL;
        ddl_not_understood(d, -1, "ALTER TABLE ... %s is not modelled", what ? what : "(this subcommand)");
        return;
    }
    }
}

static void alter_table(Ddl *d, const PgQuery__AlterTableStmt *x)
{
    if (x->objtype != PG_QUERY__OBJECT_TYPE__OBJECT_TABLE) {
        event(d, EV_OTHER, NULL, NULL, NULL, -1); /* ALTER INDEX/VIEW/SEQUENCE ... SET ... */
        return;
    }
    const char *schema = ddl_schema_of(d, x->relation->schemaname);
    const char *tname = edit_identifier(d->s, x->relation->relname);
    d->tschema = schema;
    d->tname = tname;
    Table *t = ddl_table(d, x->relation);
    if (!t && LIVE(d)) {
        if (!x->missing_ok)
            ddl_not_understood(d, -1, "alters table %s.%s, which the earlier migrations did not create", schema,
                               tname);
        return;
    }
    for (size_t i = 0; i < x->n_cmds; i++)
        if (x->cmds[i]->alter_table_cmd)
            alter_cmd(d, t, schema, tname, x->cmds[i]->alter_table_cmd);
}

/* ---- dispatch ---------------------------------------------------------- */

static void statement(Ddl *d, const PgQuery__Node *n)
{
    switch (n->node_case) {
    case PG_QUERY__NODE__NODE_CREATE_STMT: create_table(d, n->create_stmt); return;
    case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT: alter_table(d, n->alter_table_stmt); return;
    case PG_QUERY__NODE__NODE_INDEX_STMT: ddl_index_stmt(d, n->index_stmt); return;
    case PG_QUERY__NODE__NODE_DROP_STMT: ddl_drop_stmt(d, n->drop_stmt); return;
    case PG_QUERY__NODE__NODE_RENAME_STMT: ddl_rename_stmt(d, n->rename_stmt); return;
    case PG_QUERY__NODE__NODE_CREATE_ENUM_STMT: ddl_enum_stmt(d, n->create_enum_stmt); return;
    case PG_QUERY__NODE__NODE_ALTER_ENUM_STMT: ddl_alter_enum_stmt(d, n->alter_enum_stmt); return;
    case PG_QUERY__NODE__NODE_CREATE_DOMAIN_STMT: ddl_domain_stmt(d, n->create_domain_stmt); return;
    case PG_QUERY__NODE__NODE_ALTER_DOMAIN_STMT: ddl_alter_domain_stmt(d, n->alter_domain_stmt); return;
    case PG_QUERY__NODE__NODE_CREATE_POLICY_STMT: ddl_policy_stmt(d, n->create_policy_stmt); return;
    case PG_QUERY__NODE__NODE_ALTER_POLICY_STMT: ddl_alter_policy_stmt(d, n->alter_policy_stmt); return;
    case PG_QUERY__NODE__NODE_CREATE_TRIG_STMT: ddl_trigger_stmt(d, n->create_trig_stmt); return;
    case PG_QUERY__NODE__NODE_UPDATE_STMT:
        ddl_backfill(d, n->update_stmt->relation, n->update_stmt->where_clause, true);
        return;
    case PG_QUERY__NODE__NODE_DELETE_STMT:
        ddl_backfill(d, n->delete_stmt->relation, n->delete_stmt->where_clause, false);
        return;
    case PG_QUERY__NODE__NODE_SELECT_STMT:
        if (n->select_stmt->into_clause) {
            ddl_not_understood(d, -1, "SELECT ... INTO (a new table) is not modelled");
            return;
        }
        break;
    case PG_QUERY__NODE__NODE_CREATE_TABLE_AS_STMT:
        if (n->create_table_as_stmt->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_TABLE) {
            ddl_not_understood(d, -1, "CREATE TABLE ... AS is not modelled");
            return;
        }
        break; /* materialized views are not in the model */
    case PG_QUERY__NODE__NODE_ALTER_OBJECT_SCHEMA_STMT: {
        const PgQuery__AlterObjectSchemaStmt *x = n->alter_object_schema_stmt;
        if (x->object_type == PG_QUERY__OBJECT_TYPE__OBJECT_TABLE ||
            x->object_type == PG_QUERY__OBJECT_TYPE__OBJECT_TYPE ||
            x->object_type == PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN) {
            ddl_not_understood(d, -1, "%s ... SET SCHEMA is not modelled", stmt_words(d, 2));
            return;
        }
        break;
    }
    case PG_QUERY__NODE__NODE_CREATE_SCHEMA_STMT:
        if (n->create_schema_stmt->n_schema_elts) {
            ddl_not_understood(d, -1, "CREATE SCHEMA with the objects it creates is not modelled");
            return;
        }
        break;
    case PG_QUERY__NODE__NODE_COMPOSITE_TYPE_STMT:
    case PG_QUERY__NODE__NODE_CREATE_RANGE_STMT:
    case PG_QUERY__NODE__NODE_CREATE_EXTENSION_STMT:
    case PG_QUERY__NODE__NODE_ALTER_EXTENSION_STMT:
    case PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT:
    case PG_QUERY__NODE__NODE_ALTER_FUNCTION_STMT:
    case PG_QUERY__NODE__NODE_DO_STMT:
    case PG_QUERY__NODE__NODE_GRANT_STMT:
    case PG_QUERY__NODE__NODE_GRANT_ROLE_STMT:
    case PG_QUERY__NODE__NODE_ALTER_DEFAULT_PRIVILEGES_STMT:
    case PG_QUERY__NODE__NODE_COMMENT_STMT:
    case PG_QUERY__NODE__NODE_VARIABLE_SET_STMT:
    case PG_QUERY__NODE__NODE_VARIABLE_SHOW_STMT:
    case PG_QUERY__NODE__NODE_CREATE_ROLE_STMT:
    case PG_QUERY__NODE__NODE_ALTER_ROLE_STMT:
    case PG_QUERY__NODE__NODE_ALTER_ROLE_SET_STMT:
    case PG_QUERY__NODE__NODE_DROP_ROLE_STMT:
    case PG_QUERY__NODE__NODE_ALTER_OWNER_STMT:
    case PG_QUERY__NODE__NODE_TRANSACTION_STMT:
    case PG_QUERY__NODE__NODE_INSERT_STMT:
    case PG_QUERY__NODE__NODE_COPY_STMT:
    case PG_QUERY__NODE__NODE_CREATE_SEQ_STMT:
    case PG_QUERY__NODE__NODE_ALTER_SEQ_STMT:
    case PG_QUERY__NODE__NODE_VACUUM_STMT:
    case PG_QUERY__NODE__NODE_VIEW_STMT:
    case PG_QUERY__NODE__NODE_REFRESH_MAT_VIEW_STMT:
    case PG_QUERY__NODE__NODE_LOCK_STMT:
    case PG_QUERY__NODE__NODE_TRUNCATE_STMT:
    case PG_QUERY__NODE__NODE_NOTIFY_STMT:
    case PG_QUERY__NODE__NODE_CREATE_CAST_STMT:
    case PG_QUERY__NODE__NODE_DEFINE_STMT:
    case PG_QUERY__NODE__NODE_CREATE_STATS_STMT:
    case PG_QUERY__NODE__NODE_REINDEX_STMT:
    case PG_QUERY__NODE__NODE_CLUSTER_STMT:
    case PG_QUERY__NODE__NODE_CHECK_POINT_STMT:
    case PG_QUERY__NODE__NODE_DISCARD_STMT:
    case PG_QUERY__NODE__NODE_EXPLAIN_STMT:
    case PG_QUERY__NODE__NODE_CALL_STMT:
    case PG_QUERY__NODE__NODE_SEC_LABEL_STMT:
    case PG_QUERY__NODE__NODE_CREATE_EVENT_TRIG_STMT:
    case PG_QUERY__NODE__NODE_ALTER_EVENT_TRIG_STMT:
    case PG_QUERY__NODE__NODE_CREATE_PUBLICATION_STMT:
    case PG_QUERY__NODE__NODE_ALTER_PUBLICATION_STMT:
    case PG_QUERY__NODE__NODE_CREATE_PLANG_STMT:
    case PG_QUERY__NODE__NODE_CREATE_CONVERSION_STMT:
    case PG_QUERY__NODE__NODE_CREATE_OP_CLASS_STMT:
    case PG_QUERY__NODE__NODE_CREATE_OP_FAMILY_STMT:
    case PG_QUERY__NODE__NODE_ALTER_OP_FAMILY_STMT:
    case PG_QUERY__NODE__NODE_ALTER_OPERATOR_STMT:
    case PG_QUERY__NODE__NODE_ALTER_TYPE_STMT:
    case PG_QUERY__NODE__NODE_ALTER_DATABASE_STMT:
    case PG_QUERY__NODE__NODE_ALTER_DATABASE_SET_STMT:
    case PG_QUERY__NODE__NODE_ALTER_SYSTEM_STMT:
    case PG_QUERY__NODE__NODE_PREPARE_STMT:
    case PG_QUERY__NODE__NODE_EXECUTE_STMT:
    case PG_QUERY__NODE__NODE_DEALLOCATE_STMT:
    case PG_QUERY__NODE__NODE_LISTEN_STMT:
    case PG_QUERY__NODE__NODE_UNLISTEN_STMT:
    case PG_QUERY__NODE__NODE_LOAD_STMT:
    case PG_QUERY__NODE__NODE_CONSTRAINTS_SET_STMT:
    case PG_QUERY__NODE__NODE_CREATE_FOREIGN_SERVER_STMT:
    case PG_QUERY__NODE__NODE_CREATE_FDW_STMT:
    case PG_QUERY__NODE__NODE_CREATE_USER_MAPPING_STMT:
    case PG_QUERY__NODE__NODE_ALTER_TSDICTIONARY_STMT:
    case PG_QUERY__NODE__NODE_ALTER_TSCONFIGURATION_STMT:
    case PG_QUERY__NODE__NODE_ALTER_COLLATION_STMT:
    case PG_QUERY__NODE__NODE_DROP_OWNED_STMT:
    case PG_QUERY__NODE__NODE_REASSIGN_OWNED_STMT:
        break;
    default:
        ddl_not_understood(d, -1, "%s is not modelled", stmt_words(d, 2));
        return;
    }
    event(d, EV_OTHER, NULL, NULL, NULL, -1);
}

/* Parses text (which starts at offset base of d->sql) and replays its
 * statements.  False when it does not parse; the error is reported only
 * when report is set. */
static bool parse_and_apply(Ddl *d, const char *text, size_t base, bool report)
{
    PgQueryProtobufParseResult r = pg_query_parse_protobuf(text);
    if (r.error) {
        if (report) {
            d->base = base;
            d->stmt = base + ddl_char_offset(text, r.error->cursorpos > 0 ? r.error->cursorpos : 1);
            ddl_not_understood(d, -1, "SQL does not parse: %s", r.error->message);
        }
        pg_query_free_protobuf_parse_result(r);
        return false;
    }
    PgQuery__ParseResult *pr =
        pg_query__parse_result__unpack(NULL, r.parse_tree.len, (const uint8_t *)r.parse_tree.data);
    if (pr) {
        d->version = pr->version;
        for (size_t i = 0; i < pr->n_stmts; i++) {
            const PgQuery__RawStmt *rs = pr->stmts[i];
            if (!rs->stmt)
                continue;
            d->base = base;
            d->stmt = ddl_skip_space(d->sql, base + (size_t)rs->stmt_location);
            d->stmt_end = rs->stmt_len ? base + (size_t)rs->stmt_location + (size_t)rs->stmt_len : base + strlen(text);
            d->detail = ddl_excerpt(d->a, d->sql, d->stmt, d->stmt_end, 80);
            statement(d, rs->stmt);
        }
        pg_query__parse_result__free_unpacked(pr, NULL);
    }
    pg_query_free_protobuf_parse_result(r);
    return true;
}

void sql_ddl_apply(MigSink *k, const char *sql, SqlPosFn pos, void *arg)
{
    Ddl d = {0};
    d.k = k;
    d.s = k->schema;
    d.a = &k->schema->arena;
    d.sql = sql;
    d.pos = pos;
    d.arg = arg;
    size_t bad = ddl_invalid_utf8(sql);
    if (bad != (size_t)-1) {
        d.stmt = bad;
        ddl_not_understood(&d, -1, "the SQL text is not valid UTF-8 (byte 0x%02x): none of it was read",
                           (unsigned char)sql[bad]);
        return;
    }
    /* A byte order mark (editors on Windows write one) is not SQL. */
    size_t start = strncmp(sql, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
    const char *text = sql + start;
    if (parse_and_apply(&d, text, start, false))
        return;
    /* One statement is wrong: parse them one by one, so the others count. */
    PgQuerySplitResult sp = pg_query_split_with_scanner(text);
    bool reported = false;
    if (!sp.error && sp.n_stmts > 0) {
        for (int i = 0; i < sp.n_stmts; i++) {
            size_t from = (size_t)sp.stmts[i]->stmt_location;
            size_t len = (size_t)sp.stmts[i]->stmt_len;
            if (!len)
                len = strlen(text) - from;
            char *piece = xmalloc(len + 1);
            memcpy(piece, text + from, len);
            piece[len] = '\0';
            if (!parse_and_apply(&d, piece, start + from, true))
                reported = true;
            free(piece);
        }
    }
    pg_query_free_split_result(sp);
    if (!reported)
        parse_and_apply(&d, text, start, true); /* the whole text, to report its error */
}

bool sql_column_spec(Schema *s, const char *default_schema, const char *table, const char *name, const char *spec,
                     Column *out)
{
    memset(out, 0, sizeof *out);
    if (!spec || !name || ddl_invalid_utf8(spec) != (size_t)-1 || ddl_invalid_utf8(name) != (size_t)-1)
        return false;
    Arena *a = &s->arena;
    char *q = arena_printf(a, "CREATE TABLE t (%s %s)", sql_ident(a, name), spec);
    PgQueryProtobufParseResult r = pg_query_parse_protobuf(q);
    bool ok = false;
    if (!r.error) {
        PgQuery__ParseResult *pr =
            pg_query__parse_result__unpack(NULL, r.parse_tree.len, (const uint8_t *)r.parse_tree.data);
        const PgQuery__CreateStmt *cs = pr && pr->n_stmts == 1 && pr->stmts[0]->stmt &&
                                                pr->stmts[0]->stmt->node_case == PG_QUERY__NODE__NODE_CREATE_STMT
                                            ? pr->stmts[0]->stmt->create_stmt
                                            : NULL;
        const PgQuery__ColumnDef *cd = cs && cs->n_table_elts == 1 && !cs->partspec &&
                                               cs->table_elts[0]->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF
                                           ? cs->table_elts[0]->column_def
                                           : NULL;
        ok = cd != NULL;
        for (size_t i = 0; cd && i < cd->n_constraints; i++) {
            const PgQuery__Constraint *k = cd->constraints[i]->constraint;
            switch (k ? k->contype : PG_QUERY__CONSTR_TYPE__CONSTR_TYPE_UNDEFINED) {
            case PG_QUERY__CONSTR_TYPE__CONSTR_NULL:
            case PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL:
            case PG_QUERY__CONSTR_TYPE__CONSTR_DEFAULT:
            case PG_QUERY__CONSTR_TYPE__CONSTR_IDENTITY:
            case PG_QUERY__CONSTR_TYPE__CONSTR_GENERATED: break;
            default: ok = false;
            }
        }
        if (ok) {
            MigSink k = {0};
            k.schema = s;
            k.default_schema = default_schema ? default_schema : "public";
            Ddl d = {0};
            d.k = &k;
            d.s = s;
            d.a = a;
            d.sql = q;
            d.version = pr->version;
            DdlType ty;
            ok = ddl_type(a, s, k.default_schema, cd->type_name, &ty);
            if (ok)
                column_into(&d, k.default_schema, table ? table : "t", cd, out);
        }
        if (pr)
            pg_query__parse_result__free_unpacked(pr, NULL);
    }
    pg_query_free_protobuf_parse_result(r);
    return ok;
}
