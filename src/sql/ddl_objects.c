/* ddl_objects.c - the SQL DDL reader's statements about objects other than
 * tables and columns: indexes, drops and renames, enum and domain types,
 * RLS policies, triggers; and UPDATE/DELETE, recorded as backfills.
 * See ddl.c for the design.
 */
#include "sql/ddl_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "sql/sql.h"

#define LIVE(d) (!(d)->k->down)

static void event(Ddl *d, MigEventKind kind, const char *schema, const char *table, const char *name)
{
    MigEvent e = ddl_ev(d, kind, schema, table, name, -1);
    mig_event(d->k, &e);
}

/* A qualified name given as a list of String nodes: the last is the name,
 * the one before (if any) the schema. */
static const char *qual_name(Ddl *d, PgQuery__Node **v, size_t n, const char **schema)
{
    const char *name = n ? ddl_str(v[n - 1]) : NULL;
    *schema = ddl_schema_of(d, n >= 2 ? ddl_str(v[n - 2]) : NULL);
    return name ? edit_identifier(d->s, name) : NULL;
}

/* ---- indexes ------------------------------------------------------------ */

/* The name PostgreSQL gives an index key in default index names
 * (FigureIndexColname): a column, a function's name, a cast's type. */
static const char *figure_name(const PgQuery__Node *e)
{
    if (!e)
        return NULL;
    switch (e->node_case) {
    case PG_QUERY__NODE__NODE_COLUMN_REF: {
        const PgQuery__ColumnRef *c = e->column_ref;
        return c->n_fields ? ddl_str(c->fields[c->n_fields - 1]) : NULL;
    }
    case PG_QUERY__NODE__NODE_FUNC_CALL: {
        const PgQuery__FuncCall *f = e->func_call;
        return f->n_funcname ? ddl_str(f->funcname[f->n_funcname - 1]) : NULL;
    }
    case PG_QUERY__NODE__NODE_TYPE_CAST: {
        const char *n = figure_name(e->type_cast->arg);
        const PgQuery__TypeName *tn = e->type_cast->type_name;
        if (!n && tn && tn->n_names)
            n = ddl_str(tn->names[tn->n_names - 1]);
        return n;
    }
    case PG_QUERY__NODE__NODE_COALESCE_EXPR: return "coalesce";
    case PG_QUERY__NODE__NODE_CASE_EXPR: return "case";
    default: return NULL;
    }
}

static const char *elem_figure(const PgQuery__Node *n)
{
    const PgQuery__IndexElem *ie = n->node_case == PG_QUERY__NODE__NODE_INDEX_ELEM ? n->index_elem : NULL;
    if (!ie)
        return NULL;
    if (ie->indexcolname && *ie->indexcolname)
        return ie->indexcolname;
    if (ie->name && *ie->name)
        return ie->name;
    return figure_name(ie->expr);
}

/* Opclass, collation and order per key, in catalog.c's "a b/c d/e f"
 * shape; NULL when every key uses the defaults. */
static const char *opclasses_of(Ddl *d, PgQuery__Node **v, size_t n)
{
    StrBuf cls = STRBUF_INIT, coll = STRBUF_INIT, opt = STRBUF_INIT;
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        const PgQuery__IndexElem *ie = v[i]->node_case == PG_QUERY__NODE__NODE_INDEX_ELEM ? v[i]->index_elem : NULL;
        const char *oc = ie && ie->n_opclass ? ddl_str(ie->opclass[ie->n_opclass - 1]) : NULL;
        const char *co = ie && ie->n_collation ? ddl_str(ie->collation[ie->n_collation - 1]) : NULL;
        int o = 0;
        if (ie && ie->ordering == PG_QUERY__SORT_BY_DIR__SORTBY_DESC)
            o = ie->nulls_ordering == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_LAST ? 1 : 3;
        else if (ie && ie->nulls_ordering == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_FIRST)
            o = 2;
        any |= oc || co || o;
        sb_printf(&cls, "%s%s", i ? " " : "", oc ? oc : "0");
        sb_printf(&coll, "%s%s", i ? " " : "", co ? co : "0");
        sb_printf(&opt, "%s%d", i ? " " : "", o);
    }
    const char *r = any ? arena_printf(d->a, "%s/%s/%s", cls.s ? cls.s : "", coll.s ? coll.s : "", opt.s ? opt.s : "")
                        : NULL;
    sb_fini(&cls);
    sb_fini(&coll);
    sb_fini(&opt);
    return r;
}

void ddl_index_stmt(Ddl *d, const PgQuery__IndexStmt *x)
{
    const char *schema = ddl_schema_of(d, x->relation->schemaname);
    const char *tname = edit_identifier(d->s, x->relation->relname);
    Table *t = ddl_table(d, x->relation);
    size_t n = x->n_index_params;
    const char **evcols = arena_alloc(d->a, sizeof *evcols * (n + 1));
    for (size_t i = 0; i < n; i++) {
        const PgQuery__IndexElem *ie = x->index_params[i]->index_elem;
        evcols[i] = !ie ? "?" : ie->name && *ie->name ? edit_identifier(d->s, ie->name)
                                                       : (ddl_expr_text(d, ie->expr) ? ddl_expr_text(d, ie->expr) : "?");
    }
    const char *name = x->idxname && *x->idxname ? edit_identifier(d->s, x->idxname) : NULL;
    if (LIVE(d)) {
        if (!t) {
            ddl_not_understood(d, -1, "creates index on %s.%s, which the earlier migrations did not create", schema,
                               tname);
            return;
        }
        /* Only relations clash with an index name; the name index (which
         * holds constraint names too) answers "free" without a scan. */
        if (name && edit_name_in_use(d->s, schema, name) &&
            (edit_index_table(d->s, schema, name, NULL) || schema_table(d->s, schema, name))) {
            if (!x->if_not_exists)
                ddl_not_understood(d, -1, "creates index %s, which already exists", name);
            return;
        }
    }
    Index ix = {0};
    int *cols = arena_alloc(d->a, sizeof *cols * (n + 1));
    const char **exprs = arena_alloc(d->a, sizeof *exprs * (n + 1));
    for (size_t i = 0; t && i < n; i++) {
        const PgQuery__IndexElem *ie = x->index_params[i]->index_elem;
        cols[i] = -1;
        if (ie && ie->name && *ie->name) {
            cols[i] = table_column_index(t, edit_identifier(d->s, ie->name));
            if (cols[i] < 0 && LIVE(d)) {
                ddl_not_understood(d, -1, "column %s is not in table %s as the earlier migrations left it", ie->name,
                                   t->qname);
                return;
            }
        } else if (ie)
            exprs[i] = ddl_expr_text(d, ie->expr);
    }
    ix.unique = x->unique;
    ix.valid = true;
    ix.method = x->access_method && *x->access_method ? x->access_method : "btree";
    ix.nkeys = (int)n;
    ix.cols = cols;
    ix.exprs = exprs;
    ix.has_include = x->n_index_including_params > 0;
    ix.nulls_not_distinct = x->nulls_not_distinct;
    ix.predicate = x->where_clause ? ddl_expr_text(d, x->where_clause) : NULL;
    ix.opclasses = opclasses_of(d, x->index_params, n);
    ix.origin = ddl_origin(d, -1);
    if (!name && t) {
        size_t all = n + x->n_index_including_params;
        const char **fig = arena_alloc(d->a, sizeof *fig * (all + 1));
        for (size_t i = 0; i < n; i++)
            fig[i] = elem_figure(x->index_params[i]);
        for (size_t i = 0; i < x->n_index_including_params; i++)
            fig[n + i] = elem_figure(x->index_including_params[i]);
        name = edit_choose_name(d->s, t, fig, (int)all, "idx");
    }
    ix.name = name;
    MigEvent e = ddl_ev(d, EV_ADD_INDEX, schema, tname, name, -1);
    e.cols = evcols;
    e.con_kind = ix.unique ? 'u' : 0;
    mig_event(d->k, &e);
    if (LIVE(d) && t)
        edit_add_index(d->s, t, &ix);
}

/* ---- DROP ---------------------------------------------------------------- */

static void drop_type_def(Schema *s, const char *schema, const char *name)
{
    for (int i = 0; i < s->types.n; i++) {
        TypeDef *t = &s->types.v[i];
        if (strcmp(t->schema, schema) == 0 && strcmp(t->name, name) == 0) {
            memmove(t, t + 1, sizeof *t * (size_t)(s->types.n - i - 1));
            s->types.n--;
            break;
        }
    }
    strmap_init(&s->types_by_qname, &s->arena);
    for (int i = 0; i < s->types.n; i++) {
        TypeDef *t = &s->types.v[i];
        strmap_put(&s->types_by_qname, arena_printf(&s->arena, "%s.%s", t->schema, t->name), t);
    }
}

static bool drop_trigger(Table *t, const char *name)
{
    for (int i = 0; i < t->triggers.n; i++)
        if (strcmp(t->triggers.v[i].name, name) == 0) {
            memmove(&t->triggers.v[i], &t->triggers.v[i + 1], sizeof(Trigger) * (size_t)(t->triggers.n - i - 1));
            t->triggers.n--;
            return true;
        }
    return false;
}

static const char *object_word(PgQuery__ObjectType t)
{
    switch (t) {
    case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE: return "table";
    case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX: return "index";
    case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE: return "type";
    case PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN: return "domain";
    case PG_QUERY__OBJECT_TYPE__OBJECT_POLICY: return "policy";
    case PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER: return "trigger";
    default: return "object";
    }
}

void ddl_drop_stmt(Ddl *d, const PgQuery__DropStmt *x)
{
    PgQuery__ObjectType ty = x->remove_type;
    bool live = LIVE(d);
    for (size_t i = 0; i < x->n_objects; i++) {
        const PgQuery__Node *o = x->objects[i];
        PgQuery__Node **names = NULL;
        size_t nn = 0;
        if (o->node_case == PG_QUERY__NODE__NODE_LIST) {
            names = o->list->items;
            nn = o->list->n_items;
        } else if (o->node_case == PG_QUERY__NODE__NODE_TYPE_NAME) {
            names = o->type_name->names;
            nn = o->type_name->n_names;
        } else if (o->node_case == PG_QUERY__NODE__NODE_STRING) {
            names = (PgQuery__Node **)&x->objects[i];
            nn = 1;
        }
        const char *schema, *name;
        switch (ty) {
        case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE: {
            name = qual_name(d, names, nn, &schema);
            Table *t = name ? schema_table(d->s, schema, name) : NULL;
            if (live && !t) {
                if (!x->missing_ok)
                    ddl_not_understood(d, -1, "drops table %s.%s, which the earlier migrations did not create", schema,
                                       name ? name : "?");
                continue;
            }
            event(d, EV_DROP_TABLE, schema, name, NULL);
            if (live)
                edit_drop_table(d->s, t);
            break;
        }
        case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX: {
            name = qual_name(d, names, nn, &schema);
            Table *t = name ? edit_index_table(d->s, schema, name, NULL) : NULL;
            if (live && !t) {
                if (!x->missing_ok)
                    ddl_not_understood(d, -1, "drops index %s.%s, which the earlier migrations did not create", schema,
                                       name ? name : "?");
                continue;
            }
            event(d, EV_DROP_INDEX, schema, t ? t->name : NULL, name);
            if (live)
                edit_drop_index(d->s, schema, name);
            break;
        }
        case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
        case PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN: {
            name = qual_name(d, names, nn, &schema);
            const TypeDef *td = name ? schema_type(d->s, schema, name) : NULL;
            if (live && !td) {
                /* a composite or range type, not in the model */
                event(d, EV_OTHER, schema, NULL, name);
                continue;
            }
            event(d, EV_DROP_TYPE, schema, NULL, name);
            if (live)
                drop_type_def(d->s, schema, name);
            break;
        }
        case PG_QUERY__OBJECT_TYPE__OBJECT_POLICY:
        case PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER: {
            /* (schema.)table.name */
            if (nn < 2)
                continue;
            const char *what = ddl_str(names[nn - 1]);
            const char *tname = qual_name(d, names, nn - 1, &schema);
            Table *t = tname ? schema_table(d->s, schema, tname) : NULL;
            what = what ? edit_identifier(d->s, what) : "?";
            bool policy = ty == PG_QUERY__OBJECT_TYPE__OBJECT_POLICY;
            bool found = t && (!live || (policy ? edit_drop_policy(t, what) : drop_trigger(t, what)));
            if (live && !found && !x->missing_ok) {
                ddl_not_understood(d, -1, "drops %s %s on %s.%s, which the earlier migrations did not create",
                                   object_word(ty), what, schema, tname ? tname : "?");
                continue;
            }
            event(d, policy ? EV_DROP_POLICY : EV_OTHER, schema, tname, what);
            break;
        }
        case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA: {
            name = nn ? ddl_str(names[nn - 1]) : (o->node_case == PG_QUERY__NODE__NODE_STRING ? ddl_str(o) : NULL);
            bool any = false;
            for (int k = 0; name && k < d->s->tables.n; k++)
                any |= strcmp(d->s->tables.v[k]->schema, name) == 0;
            if (!any) {
                event(d, EV_OTHER, NULL, NULL, name);
                break;
            }
            if (x->behavior != PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE && live) {
                ddl_not_understood(d, -1, "drops schema %s, which holds tables, without CASCADE", name);
                break;
            }
            for (int k = d->s->tables.n - 1; k >= 0; k--) {
                Table *t = d->s->tables.v[k];
                if (strcmp(t->schema, name) != 0)
                    continue;
                event(d, EV_DROP_TABLE, t->schema, t->name, NULL);
                if (live) {
                    edit_drop_table(d->s, t);
                    k = d->s->tables.n; /* the list changed: start again */
                }
            }
            break;
        }
        default:
            /* views, sequences, functions, extensions...: not in the model */
            event(d, EV_OTHER, NULL, NULL, NULL);
            return;
        }
    }
}

/* ---- RENAME -------------------------------------------------------------- */

void ddl_rename_stmt(Ddl *d, const PgQuery__RenameStmt *x)
{
    bool live = LIVE(d);
    const char *newname = edit_identifier(d->s, x->newname);
    const char *schema = x->relation ? ddl_schema_of(d, x->relation->schemaname) : NULL;
    const char *rel = x->relation ? edit_identifier(d->s, x->relation->relname) : NULL;
    Table *t = x->relation ? ddl_table(d, x->relation) : NULL;
    const char *sub = x->subname && *x->subname ? edit_identifier(d->s, x->subname) : NULL;
    switch (x->rename_type) {
    case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
        if (live && !t) {
            if (!x->missing_ok)
                ddl_not_understood(d, -1, "renames table %s.%s, which the earlier migrations did not create", schema,
                                   rel);
            return;
        }
        if (live && schema_table(d->s, schema, newname)) {
            ddl_not_understood(d, -1, "renames table %s.%s to %s, which already exists", schema, rel, newname);
            return;
        }
        event(d, EV_RENAME_TABLE, schema, rel, newname);
        if (live)
            edit_rename_table(d->s, t, newname);
        return;
    case PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN: {
        if (x->relation_type != PG_QUERY__OBJECT_TYPE__OBJECT_TABLE) {
            event(d, EV_OTHER, schema, rel, newname);
            return;
        }
        int ci = t ? table_column_index(t, sub) : -1;
        if (live && ci < 0) {
            if (!(x->missing_ok && !t))
                ddl_not_understood(d, -1, "renames column %s, which %s.%s does not have", sub, schema, rel);
            return;
        }
        event(d, EV_ALTER_COLUMN, schema, rel, newname);
        if (live) {
            edit_rename_column(d->s, t, ci, newname);
            t->columns.v[ci].origin = ddl_origin(d, -1);
        }
        return;
    }
    case PG_QUERY__OBJECT_TYPE__OBJECT_TABCONSTRAINT: {
        Constraint *c = t ? edit_find_constraint(t, sub) : NULL;
        if (live && !c) {
            ddl_not_understood(d, -1, "renames constraint %s, which %s.%s does not have", sub, schema, rel);
            return;
        }
        event(d, EV_OTHER, schema, rel, newname);
        if (!live)
            return;
        Index *ix = NULL;
        if (c->index_name && (ix = edit_table_index(t, c->index_name)))
            ix->name = newname;
        if (c->index_name)
            c->index_name = newname;
        c->name = newname;
        edit_forget_names(d->s);
        return;
    }
    case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX: {
        Index *ix = NULL;
        Table *it = edit_index_table(d->s, schema, rel, &ix);
        if (live && !it) {
            if (!x->missing_ok)
                ddl_not_understood(d, -1, "renames index %s.%s, which the earlier migrations did not create", schema,
                                   rel);
            return;
        }
        event(d, EV_OTHER, schema, it ? it->name : NULL, newname);
        if (!live)
            return;
        for (int i = 0; i < it->constraints.n; i++) {
            Constraint *c = &it->constraints.v[i];
            if (c->index_name && strcmp(c->index_name, ix->name) == 0) {
                c->name = newname; /* the constraint follows its index */
                c->index_name = newname;
            }
        }
        ix->name = newname;
        edit_forget_names(d->s);
        return;
    }
    case PG_QUERY__OBJECT_TYPE__OBJECT_POLICY:
    case PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER: {
        bool policy = x->rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_POLICY;
        bool found = false;
        for (int i = 0; t && policy && i < t->policies.n; i++)
            if (strcmp(t->policies.v[i].name, sub) == 0) {
                if (live)
                    t->policies.v[i].name = newname;
                found = true;
            }
        for (int i = 0; t && !policy && i < t->triggers.n; i++)
            if (strcmp(t->triggers.v[i].name, sub) == 0) {
                if (live)
                    t->triggers.v[i].name = newname;
                found = true;
            }
        if (live && !found) {
            ddl_not_understood(d, -1, "renames %s %s, which %s.%s does not have", policy ? "policy" : "trigger", sub,
                               schema, rel);
            return;
        }
        event(d, EV_OTHER, schema, rel, newname);
        return;
    }
    case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
    case PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN:
    case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA:
        ddl_not_understood(d, -1, "renaming a %s is not modelled",
                           x->rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA ? "schema" : "type");
        return;
    default:
        event(d, EV_OTHER, schema, rel, newname); /* views, sequences, functions... */
        return;
    }
}

/* ---- enum and domain types ----------------------------------------------- */

/* Columns of a domain follow its CHECK constraints (catalog.c reads
 * domain_checked from the type, whenever the check was added). */
static void refresh_domain_columns(Ddl *d, const TypeDef *td)
{
    const char *shown = strcmp(td->schema, "public") == 0 ? sql_ident(d->a, td->name)
                                                          : sql_qname(d->a, td->schema, td->name);
    for (int i = 0; i < d->s->tables.n; i++) {
        Table *t = d->s->tables.v[i];
        for (int k = 0; k < t->columns.n; k++) {
            Column *c = &t->columns.v[k];
            if (c->type_kind != TYPE_DOMAIN)
                continue;
            size_t n = strlen(shown);
            if (strncmp(c->type, shown, n) == 0 && (c->type[n] == '\0' || c->type[n] == '['))
                c->domain_checked = td->has_check;
        }
    }
}

void ddl_enum_stmt(Ddl *d, const PgQuery__CreateEnumStmt *x)
{
    const char *schema;
    const char *name = qual_name(d, x->type_name, x->n_type_name, &schema);
    if (!name)
        return;
    if (LIVE(d) && schema_type(d->s, schema, name)) {
        ddl_not_understood(d, -1, "creates type %s.%s, which already exists", schema, name);
        return;
    }
    event(d, EV_CREATE_TYPE, schema, NULL, name);
    if (!LIVE(d))
        return;
    TypeDef *td = schema_add_type(d->s, schema, name, TYPE_ENUM);
    const char **labels = arena_alloc(d->a, sizeof *labels * (x->n_vals + 1));
    for (size_t i = 0; i < x->n_vals; i++)
        labels[i] = arena_strdup(d->a, ddl_str(x->vals[i]));
    td->labels = labels;
    td->origin = ddl_origin(d, -1);
}

void ddl_alter_enum_stmt(Ddl *d, const PgQuery__AlterEnumStmt *x)
{
    const char *schema;
    const char *name = qual_name(d, x->type_name, x->n_type_name, &schema);
    TypeDef *td = name ? (TypeDef *)schema_type(d->s, schema, name) : NULL;
    if (LIVE(d) && (!td || td->kind != TYPE_ENUM)) {
        ddl_not_understood(d, -1, "alters enum type %s.%s, which the earlier migrations did not create", schema,
                           name ? name : "?");
        return;
    }
    event(d, EV_OTHER, schema, NULL, name);
    if (!LIVE(d))
        return;
    int n = 0;
    while (td->labels && td->labels[n])
        n++;
    if (x->old_val && *x->old_val) { /* RENAME VALUE */
        for (int i = 0; i < n; i++)
            if (strcmp(td->labels[i], x->old_val) == 0)
                td->labels[i] = arena_strdup(d->a, x->new_val);
        return;
    }
    for (int i = 0; i < n; i++)
        if (strcmp(td->labels[i], x->new_val) == 0) {
            if (!x->skip_if_new_val_exists)
                ddl_not_understood(d, -1, "enum %s.%s already has the value '%s'", schema, name, x->new_val);
            return;
        }
    int at = n;
    if (x->new_val_neighbor && *x->new_val_neighbor)
        for (int i = 0; i < n; i++)
            if (strcmp(td->labels[i], x->new_val_neighbor) == 0)
                at = x->new_val_is_after ? i + 1 : i;
    const char **v = arena_alloc(d->a, sizeof *v * (size_t)(n + 2));
    for (int i = 0, j = 0; i <= n; i++) {
        if (i == at)
            v[j++] = arena_strdup(d->a, x->new_val);
        if (i < n)
            v[j++] = td->labels[i];
    }
    td->labels = v;
}

void ddl_domain_stmt(Ddl *d, const PgQuery__CreateDomainStmt *x)
{
    const char *schema;
    const char *name = qual_name(d, x->domainname, x->n_domainname, &schema);
    if (!name)
        return;
    if (LIVE(d) && schema_type(d->s, schema, name)) {
        ddl_not_understood(d, -1, "creates domain %s.%s, which already exists", schema, name);
        return;
    }
    event(d, EV_CREATE_TYPE, schema, NULL, name);
    if (!LIVE(d))
        return;
    TypeDef *td = schema_add_type(d->s, schema, name, TYPE_DOMAIN);
    for (size_t i = 0; i < x->n_constraints; i++) {
        const PgQuery__Constraint *k = x->constraints[i]->constraint;
        if (k && k->contype == PG_QUERY__CONSTR_TYPE__CONSTR_CHECK)
            td->has_check = true;
    }
    td->origin = ddl_origin(d, -1);
}

void ddl_alter_domain_stmt(Ddl *d, const PgQuery__AlterDomainStmt *x)
{
    const char *schema;
    const char *name = qual_name(d, x->type_name, x->n_type_name, &schema);
    TypeDef *td = name ? (TypeDef *)schema_type(d->s, schema, name) : NULL;
    if (LIVE(d) && (!td || td->kind != TYPE_DOMAIN)) {
        ddl_not_understood(d, -1, "alters domain %s.%s, which the earlier migrations did not create", schema,
                           name ? name : "?");
        return;
    }
    char sub = x->subtype && *x->subtype ? x->subtype[0] : 0;
    if (sub == 'X') {
        ddl_not_understood(d, -1, "ALTER DOMAIN ... DROP CONSTRAINT is not modelled");
        return;
    }
    event(d, EV_OTHER, schema, NULL, name);
    if (LIVE(d) && sub == 'C' && x->def && x->def->constraint &&
        x->def->constraint->contype == PG_QUERY__CONSTR_TYPE__CONSTR_CHECK) {
        td->has_check = true;
        refresh_domain_columns(d, td);
    }
}

/* ---- policies ------------------------------------------------------------ */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Roles as catalog.c prints them: "public", or quoted names sorted and
 * joined by ", ". */
static const char *roles_text(Ddl *d, PgQuery__Node **v, size_t n)
{
    if (!n)
        return "public";
    const char **names = arena_alloc(d->a, sizeof *names * n);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        const PgQuery__RoleSpec *r = v[i]->role_spec;
        if (!r)
            continue;
        switch (r->roletype) {
        case PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_PUBLIC: return "public";
        case PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_CSTRING: names[m++] = sql_ident(d->a, r->rolename); break;
        case PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_CURRENT_ROLE: names[m++] = "current_role"; break;
        case PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_CURRENT_USER: names[m++] = "current_user"; break;
        case PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_SESSION_USER: names[m++] = "session_user"; break;
        default: break;
        }
    }
    if (m > 1)
        qsort(names, m, sizeof *names, cmp_str);
    StrBuf b = STRBUF_INIT;
    for (size_t i = 0; i < m; i++)
        sb_printf(&b, "%s%s", i ? ", " : "", names[i]);
    const char *r = arena_strdup(d->a, b.s ? b.s : "public");
    sb_fini(&b);
    return r;
}

static Policy *find_policy(Table *t, const char *name)
{
    for (int i = 0; t && i < t->policies.n; i++)
        if (strcmp(t->policies.v[i].name, name) == 0)
            return &t->policies.v[i];
    return NULL;
}

void ddl_policy_stmt(Ddl *d, const PgQuery__CreatePolicyStmt *x)
{
    const char *schema = ddl_schema_of(d, x->table->schemaname);
    const char *tname = edit_identifier(d->s, x->table->relname);
    const char *name = edit_identifier(d->s, x->policy_name);
    Table *t = ddl_table(d, x->table);
    if (LIVE(d)) {
        if (!t) {
            ddl_not_understood(d, -1, "creates policy %s on %s.%s, which the earlier migrations did not create", name,
                               schema, tname);
            return;
        }
        if (find_policy(t, name)) {
            ddl_not_understood(d, -1, "creates policy %s, which %s already has", name, t->qname);
            return;
        }
    }
    event(d, EV_CREATE_POLICY, schema, tname, name);
    if (!LIVE(d))
        return;
    Policy p = {0};
    p.name = name;
    const char *cmd = x->cmd_name ? x->cmd_name : "all";
    p.cmd = strcmp(cmd, "select") == 0   ? POL_SELECT
            : strcmp(cmd, "insert") == 0 ? POL_INSERT
            : strcmp(cmd, "update") == 0 ? POL_UPDATE
            : strcmp(cmd, "delete") == 0 ? POL_DELETE
                                         : POL_ALL;
    p.permissive = x->permissive;
    p.roles = roles_text(d, x->roles, x->n_roles);
    p.using_expr = x->qual ? ddl_expr_text(d, x->qual) : NULL;
    p.check_expr = x->with_check ? ddl_expr_text(d, x->with_check) : NULL;
    p.origin = ddl_origin(d, -1);
    edit_add_policy(d->s, t, &p);
}

void ddl_alter_policy_stmt(Ddl *d, const PgQuery__AlterPolicyStmt *x)
{
    const char *schema = ddl_schema_of(d, x->table->schemaname);
    const char *tname = edit_identifier(d->s, x->table->relname);
    const char *name = edit_identifier(d->s, x->policy_name);
    Table *t = ddl_table(d, x->table);
    Policy *p = find_policy(t, name);
    if (LIVE(d) && !p) {
        ddl_not_understood(d, -1, "alters policy %s, which %s.%s does not have", name, schema, tname);
        return;
    }
    /* no event of its own: a change of a policy is a new one */
    event(d, EV_CREATE_POLICY, schema, tname, name);
    if (!LIVE(d))
        return;
    if (x->n_roles)
        p->roles = roles_text(d, x->roles, x->n_roles);
    if (x->qual)
        p->using_expr = ddl_expr_text(d, x->qual);
    if (x->with_check)
        p->check_expr = ddl_expr_text(d, x->with_check);
    p->origin = ddl_origin(d, -1);
}

/* ---- triggers ------------------------------------------------------------ */

void ddl_trigger_stmt(Ddl *d, const PgQuery__CreateTrigStmt *x)
{
    const char *schema = ddl_schema_of(d, x->relation->schemaname);
    const char *tname = edit_identifier(d->s, x->relation->relname);
    const char *name = edit_identifier(d->s, x->trigname);
    Table *t = ddl_table(d, x->relation);
    if (LIVE(d) && !t) {
        /* a trigger on a view, or on a table not in the model */
        event(d, EV_OTHER, schema, tname, name);
        return;
    }
    event(d, EV_OTHER, schema, tname, name);
    if (!LIVE(d))
        return;
    for (int i = 0; i < t->triggers.n; i++)
        if (strcmp(t->triggers.v[i].name, name) == 0) {
            if (!x->replace) {
                ddl_not_understood(d, -1, "creates trigger %s, which %s already has", name, t->qname);
                return;
            }
            t->triggers.v[i].origin = ddl_origin(d, -1);
            return;
        }
    Trigger tr = {0};
    tr.name = name;
    tr.enabled = 'O';
    tr.constraint = x->isconstraint ? name : NULL;
    tr.origin = ddl_origin(d, -1);
    vec_push(d->a, &t->triggers, tr);
}

/* DISABLE TRIGGER ALL also switches off the internal triggers that enforce
 * foreign keys: two on the referencing table, two on the referenced one,
 * counted as catalog.c counts them (a key referencing its own table has
 * all four on it). */
void ddl_set_triggers(Ddl *d, Table *t, PgQuery__AlterTableType how, const char *name)
{
    char state = 'O';
    bool all = false, user = false;
    switch (how) {
    case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableTrig: state = 'O'; break;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableAlwaysTrig: state = 'A'; break;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableReplicaTrig: state = 'R'; break;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrig: state = 'D'; break;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableTrigAll: state = 'O', all = true; break;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrigAll: state = 'D', all = true; break;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableTrigUser: state = 'O', user = true; break;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrigUser: state = 'D', user = true; break;
    default: return;
    }
    if (!all && !user) {
        const char *n = edit_identifier(d->s, name);
        for (int i = 0; i < t->triggers.n; i++)
            if (strcmp(t->triggers.v[i].name, n) == 0) {
                t->triggers.v[i].enabled = state;
                return;
            }
        ddl_not_understood(d, -1, "trigger %s is not on %s as the earlier migrations left it", n, t->qname);
        return;
    }
    for (int i = 0; i < t->triggers.n; i++)
        if (!t->triggers.v[i].internal)
            t->triggers.v[i].enabled = state;
    if (!all)
        return;
    bool off = state == 'D';
    for (int i = 0; i < t->constraints.n; i++) {
        Constraint *c = &t->constraints.v[i];
        if (c->kind != CON_FOREIGN)
            continue;
        bool self = c->ref_table && strcmp(c->ref_table, t->name) == 0 && c->ref_schema &&
                    strcmp(c->ref_schema, t->schema) == 0;
        c->disabled_triggers = off ? (self ? 4 : 2) : 0;
    }
    for (int k = 0; k < d->s->tables.n; k++) {
        Table *o = d->s->tables.v[k];
        if (o == t)
            continue;
        for (int i = 0; i < o->constraints.n; i++) {
            Constraint *c = &o->constraints.v[i];
            if (c->kind == CON_FOREIGN && c->ref_table && strcmp(c->ref_table, t->name) == 0 && c->ref_schema &&
                strcmp(c->ref_schema, t->schema) == 0)
                c->disabled_ref_triggers = off ? 2 : 0;
        }
    }
}

/* ---- UPDATE and DELETE --------------------------------------------------- */

static bool constantish(const PgQuery__Node *n)
{
    if (!n)
        return false;
    switch (n->node_case) {
    case PG_QUERY__NODE__NODE_A_CONST:
    case PG_QUERY__NODE__NODE_PARAM_REF: return true;
    case PG_QUERY__NODE__NODE_TYPE_CAST: return constantish(n->type_cast->arg);
    case PG_QUERY__NODE__NODE_A_ARRAY_EXPR:
        for (size_t i = 0; i < n->a_array_expr->n_elements; i++)
            if (!constantish(n->a_array_expr->elements[i]))
                return false;
        return true;
    case PG_QUERY__NODE__NODE_LIST:
        for (size_t i = 0; i < n->list->n_items; i++)
            if (!constantish(n->list->items[i]))
                return false;
        return n->list->n_items > 0;
    default: return false;
    }
}

/* A column that identifies rows: "id" or one of the primary key's. */
static bool key_column(const Table *t, const PgQuery__Node *n)
{
    while (n && n->node_case == PG_QUERY__NODE__NODE_TYPE_CAST)
        n = n->type_cast->arg;
    if (!n || n->node_case != PG_QUERY__NODE__NODE_COLUMN_REF || !n->column_ref->n_fields)
        return false;
    const char *name = ddl_str(n->column_ref->fields[n->column_ref->n_fields - 1]);
    if (!name)
        return false;
    if (strcmp(name, "id") == 0)
        return true;
    const Constraint *pk = t ? table_primary_key(t) : NULL;
    for (int i = 0; pk && i < pk->ncols; i++)
        if (pk->cols[i] >= 0 && strcmp(t->columns.v[pk->cols[i]].name, name) == 0)
            return true;
    return false;
}

static bool bounded(const Table *t, const PgQuery__Node *w)
{
    if (!w)
        return false;
    switch (w->node_case) {
    case PG_QUERY__NODE__NODE_BOOL_EXPR: {
        const PgQuery__BoolExpr *b = w->bool_expr;
        if (b->boolop == PG_QUERY__BOOL_EXPR_TYPE__AND_EXPR) {
            for (size_t i = 0; i < b->n_args; i++)
                if (bounded(t, b->args[i]))
                    return true;
            return false;
        }
        if (b->boolop == PG_QUERY__BOOL_EXPR_TYPE__OR_EXPR) {
            for (size_t i = 0; i < b->n_args; i++)
                if (!bounded(t, b->args[i]))
                    return false;
            return b->n_args > 0;
        }
        return false;
    }
    case PG_QUERY__NODE__NODE_A_EXPR: {
        const PgQuery__AExpr *e = w->a_expr;
        const char *op = e->n_name ? ddl_str(e->name[e->n_name - 1]) : NULL;
        switch (e->kind) {
        case PG_QUERY__A__EXPR__KIND__AEXPR_OP:
            if (!op || !(strcmp(op, "<") == 0 || strcmp(op, "<=") == 0 || strcmp(op, ">") == 0 ||
                         strcmp(op, ">=") == 0 || strcmp(op, "=") == 0))
                return false;
            return (key_column(t, e->lexpr) && constantish(e->rexpr)) ||
                   (key_column(t, e->rexpr) && constantish(e->lexpr));
        case PG_QUERY__A__EXPR__KIND__AEXPR_OP_ANY:
            return op && strcmp(op, "=") == 0 && key_column(t, e->lexpr) && constantish(e->rexpr);
        case PG_QUERY__A__EXPR__KIND__AEXPR_IN:
            return op && strcmp(op, "=") == 0 && key_column(t, e->lexpr) && constantish(e->rexpr);
        case PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN:
        case PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN_SYM:
            return key_column(t, e->lexpr) && constantish(e->rexpr);
        default: return false;
        }
    }
    case PG_QUERY__NODE__NODE_SUB_LINK: {
        const PgQuery__SubLink *s = w->sub_link;
        const PgQuery__SelectStmt *sel =
            s->subselect && s->subselect->node_case == PG_QUERY__NODE__NODE_SELECT_STMT ? s->subselect->select_stmt : NULL;
        return s->sub_link_type != PG_QUERY__SUB_LINK_TYPE__ALL_SUBLINK && sel && sel->limit_count;
    }
    default: return false;
    }
}

void ddl_backfill(Ddl *d, const PgQuery__RangeVar *rel, const PgQuery__Node *where, bool update)
{
    const char *schema = ddl_schema_of(d, rel->schemaname);
    const char *tname = edit_identifier(d->s, rel->relname);
    const Table *t = ddl_table(d, rel);
    MigEvent e = ddl_ev(d, EV_BACKFILL, schema, tname, NULL, -1);
    e.bounded = bounded(t, where);
    bool created = false;
    for (int i = 0; d->k->mig && i < d->k->mig->up.n; i++) {
        const MigEvent *u = &d->k->mig->up.v[i];
        if (u->kind == EV_CREATE_TABLE && u->schema && u->table && strcmp(u->schema, schema) == 0 &&
            strcmp(u->table, tname) == 0)
            created = true;
    }
    e.existing_table = t && !created;
    (void)update;
    mig_event(d->k, &e);
}
