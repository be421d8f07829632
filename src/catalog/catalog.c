/* catalog.c - pg_catalog into the schema model; see catalog.h.
 *
 * Eleven queries (database, tables, columns, defaults, index names,
 * constraints, indexes, operator and function names, policies, triggers,
 * types), pipelined over two sessions that see one snapshot: the first
 * exports it, the second imports it; each runs about half of the queries
 * while the other works on the server's other core.  Only the tables query
 * decides which relations are audited (tables and partitioned tables of the
 * schemas asked for, not an extension's); the others read their catalog
 * with at most a schema filter, and the loaders drop the rows of relations
 * they do not know.  Tables are found by binary search on their oid and
 * columns by an attnum -> column index map, so reading 10,000 tables is
 * linear; names of referenced tables and of constraint indexes come from
 * the model by oid.  Lists (key names, index expressions, enum labels) come
 * as PostgreSQL text arrays ({a,"b c"}), decoded by pgconn_text_array(),
 * which handles the quoting any hostile name may need.
 *
 * The tables, columns, defaults, index names, constraints and indexes
 * queries are essential: if one fails the audit cannot run.  Policies,
 * triggers and types are not: when one fails the schema lacks that part
 * (Schema.have) and the gap is reported, so the rules that need it are
 * skipped, not passed.
 */
#include "catalog/catalog.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/nodetree.h"
#include "core/strbuf.h"
#include "sql/sql.h"

/* The schemas audited, on pg_namespace n: $1 the regexes to include (none:
 * all), $2 those to leave out. */
#define NS_FILTER                                                                                   \
    " n.nspname NOT IN ('pg_catalog', 'information_schema')"                                        \
    " AND n.nspname !~ '^pg_(toast|temp_)'"                                                         \
    " AND (pg_catalog.cardinality($1::text[]) = 0 OR n.nspname ~ ANY ($1::text[]))"                 \
    " AND NOT (n.nspname ~ ANY ($2::text[]))"

/* For queries that need no filter: every batch query takes both. */
#define NO_FILTER " $1::text[] IS NOT NULL AND $2::text[] IS NOT NULL"

/* The indexes query; nnd: how to read NULLS NOT DISTINCT (a column from
 * PostgreSQL 15 on, "false" before).  pg_index alone: the names and access
 * methods come from the first session (Q_INDEX_NAMES), whose pg_class is
 * already read, and rows of indexes not audited are dropped by the loader. */
#define INDEXES_SQL(nnd) \
        "SELECT i.indrelid, i.indexrelid, i.indisunique, i.indisprimary," \
        " i.indisvalid AND i.indisready AND i.indislive," \
        " i.indnkeyatts, i.indkey::text," \
        " CASE WHEN i.indexprs IS NOT NULL THEN (SELECT pg_catalog.array_agg(" \
        "   pg_catalog.pg_get_indexdef(i.indexrelid, k, true) ORDER BY k)" \
        "   FROM pg_catalog.generate_series(1, i.indnkeyatts) k) END," \
        " i.indclass::text || '/' || i.indcollation::text || '/' || i.indoption::text," \
        " pg_catalog.pg_get_expr(i.indpred, i.indrelid, true), i.indnatts > i.indnkeyatts," \
        " ih.inhrelid IS NOT NULL, i.indisreplident, " nnd \
        " FROM pg_catalog.pg_index i" \
        " LEFT JOIN pg_catalog.pg_inherits ih ON ih.inhrelid = i.indexrelid" \
        " WHERE" NO_FILTER

/* The first session runs the queries before Q_SECOND, a second session (when
 * there is one) the rest, in the snapshot the first exported.  Results are
 * loaded in this order, which the loaders rely on: columns before what
 * names them, constraints before indexes and triggers, names before
 * policies. */
enum {
    Q_DB, Q_TABLES, Q_COLUMNS, Q_DEFAULTS, Q_INDEX_NAMES,
    Q_CONSTRAINTS, Q_INDEXES, Q_NAMES, Q_POLICIES, Q_TRIGGERS, Q_TYPES, Q_COUNT
};
enum { Q_SECOND = Q_CONSTRAINTS };

/* Only the tables query knows which relations are audited (tables and
 * partitioned tables, in the schemas asked for, not an extension's).  The
 * others read their catalog with at most a schema filter, and the loaders
 * drop rows of relations that are not audited: joining each to the
 * audited set costs the server more than the few extra rows cost here. */
static const char *const query_sql[Q_COUNT] = {
    [Q_DB] = "SELECT pg_catalog.current_database(), pg_catalog.current_setting('server_version_num'),"
             " $1::text[] IS NOT NULL AND $2::text[] IS NOT NULL",
    [Q_TABLES] =
        "SELECT c.oid, n.nspname, c.relname, c.relkind, c.relispartition,"
        " pn.nspname, pc.relname, c.relrowsecurity, c.relforcerowsecurity, c.reltuples,"
        " pg_catalog.pg_get_userbyid(c.relowner), ro.rolsuper OR ro.rolbypassrls,"
        " pg_catalog.array_to_string(pt.partattrs, ' ')"
        " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
        " LEFT JOIN pg_catalog.pg_roles ro ON ro.oid = c.relowner"
        " LEFT JOIN pg_catalog.pg_partitioned_table pt ON pt.partrelid = c.oid"
        " LEFT JOIN pg_catalog.pg_inherits i ON i.inhrelid = c.oid AND c.relispartition"
        " LEFT JOIN pg_catalog.pg_class pc ON pc.oid = i.inhparent"
        " LEFT JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace"
        " WHERE c.relkind IN ('r', 'p') AND" NS_FILTER
        " AND c.oid NOT IN (SELECT d.objid FROM pg_catalog.pg_depend d"
        "   WHERE d.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass AND d.deptype = 'e'"
        "   AND d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass)",
    [Q_COLUMNS] =
        "SELECT a.attrelid, a.attnum, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod),"
        " a.attnotnull, a.attidentity, a.attgenerated,"
        " et.typtype, t.typcategory = 'A',"
        " CASE WHEN et.typtype = 'd' THEN EXISTS (SELECT 1 FROM pg_catalog.pg_constraint dc"
        "   WHERE dc.contypid = et.oid AND dc.contype = 'c') ELSE false END,"
        " CASE WHEN et.typtype = 'd' THEN pg_catalog.format_type(et.typbasetype, et.typtypmod) END"
        " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
        " JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid"
        " JOIN pg_catalog.pg_type t ON t.oid = a.atttypid"
        " JOIN pg_catalog.pg_type et ON et.oid = CASE WHEN t.typcategory = 'A' AND t.typelem <> 0"
        "   THEN t.typelem ELSE t.oid END"
        " WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p') AND" NS_FILTER,
    /* Apart from the columns: joined to them, the defaults cost the server
     * four times as much.  Relation 0 when the expression reads no column
     * (no Var in its tree), so the relation need not be opened; generated
     * columns read some and get theirs. */
    [Q_DEFAULTS] =
        "SELECT ad.adrelid, ad.adnum, pg_catalog.pg_get_expr(ad.adbin,"
        " CASE WHEN pg_catalog.strpos(ad.adbin::text, '{VAR ') > 0 THEN ad.adrelid ELSE 0 END)"
        " FROM pg_catalog.pg_attrdef ad WHERE" NO_FILTER,
    /* Names of referenced tables and backing indexes come from the model
     * (by oid), not from joins; a reference to a table that is not audited
     * is named by a second, small query (resolve_outside()). */
    [Q_CONSTRAINTS] =
        "SELECT co.conrelid, co.conname, co.contype, co.convalidated, co.condeferrable,"
        " co.conparentid <> 0, pg_catalog.array_to_string(co.conkey, ' '), co.confrelid,"
        " co.confdeltype, co.confupdtype, co.condeferred, co.confmatchtype,"
        /* definitions only where a rule prints them: deparsing every
         * CHECK costs a second per 20,000 on the server */
        " CASE WHEN co.contype = 'x' OR (co.contype = 'c' AND NOT co.convalidated)"
        "   THEN pg_catalog.pg_get_constraintdef(co.oid, true) END,"
        " co.conindid, pg_catalog.array_to_string(co.confkey, ' ')"
        " FROM pg_catalog.pg_constraint co JOIN pg_catalog.pg_namespace n ON n.oid = co.connamespace"
        " WHERE co.contype IN ('p', 'u', 'f', 'c', 'x') AND co.conrelid <> 0 AND" NS_FILTER,
    [Q_INDEXES] = INDEXES_SQL("i.indnullsnotdistinct"),
    /* An index lives in its table's schema. */
    [Q_INDEX_NAMES] =
        "SELECT c.oid, c.relname, am.amname"
        " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
        " JOIN pg_catalog.pg_am am ON am.oid = c.relam"
        " WHERE c.relkind IN ('i', 'I') AND" NS_FILTER,
    /* Names of the operators, functions and types node trees refer to:
     * a few thousand rows whatever the size of the database (arrays of
     * table row types, one per table, are left out). */
    [Q_NAMES] =
        "SELECT 'o', o.oid, o.oprname, n.nspname FROM pg_catalog.pg_operator o"
        " JOIN pg_catalog.pg_namespace n ON n.oid = o.oprnamespace"
        " UNION ALL SELECT 'f', p.oid, p.proname, n.nspname FROM pg_catalog.pg_proc p"
        " JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace WHERE p.prokind = 'f'"
        " UNION ALL SELECT 't', t.oid, pg_catalog.format_type(t.oid, NULL), '' FROM pg_catalog.pg_type t"
        " WHERE t.typtype IN ('b', 'd', 'e', 'r', 'm') AND t.typrelid = 0"
        " AND (t.typelem = 0 OR NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type e"
        "   WHERE e.oid = t.typelem AND e.typrelid <> 0))"
        " AND" NO_FILTER,
    [Q_POLICIES] =
        "SELECT p.polrelid, p.polname, p.polcmd, p.polpermissive,"
        " CASE WHEN p.polroles = '{0}' THEN 'public' ELSE (SELECT pg_catalog.string_agg("
        "   pg_catalog.quote_ident(r.rolname), ', ' ORDER BY r.rolname)"
        "   FROM pg_catalog.pg_roles r WHERE r.oid = ANY (p.polroles)) END,"
        /* stored expressions, read by nodetree.c: pg_get_expr() would
         * open every table, most of a second for 10,000 of them */
        " p.polqual::text, p.polwithcheck::text, p.oid"
        " FROM pg_catalog.pg_policy p WHERE" NO_FILTER,
    /* User triggers, and internal (constraint) triggers only when they do
     * not fire in ordinary sessions (disabled, or ENABLE REPLICA): enabled
     * FK triggers are four per key and tell nothing. */
    [Q_TRIGGERS] =
        "SELECT t.tgrelid, t.tgname, t.tgenabled, t.tgisinternal, co.conrelid, co.conname"
        " FROM pg_catalog.pg_trigger t"
        " LEFT JOIN pg_catalog.pg_constraint co ON co.oid = t.tgconstraint"
        " WHERE (NOT t.tgisinternal OR t.tgenabled IN ('D', 'R')) AND" NO_FILTER,
    [Q_TYPES] =
        "SELECT n.nspname, t.typname, t.typtype,"
        " CASE WHEN t.typtype = 'e' THEN (SELECT pg_catalog.array_agg(e.enumlabel ORDER BY e.enumsortorder)"
        "   FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid) END,"
        " CASE WHEN t.typtype = 'd' THEN EXISTS (SELECT 1 FROM pg_catalog.pg_constraint c"
        "   WHERE c.contypid = t.oid AND c.contype = 'c') ELSE false END"
        " FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
        " WHERE t.typtype IN ('e', 'd') AND" NS_FILTER
        " AND t.oid NOT IN (SELECT d.objid FROM pg_catalog.pg_depend d"
        "   WHERE d.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass AND d.deptype = 'e'"
        "   AND d.classid = 'pg_catalog.pg_type'::pg_catalog.regclass)"
        " ORDER BY 1, 2",
};

static const char *const query_what[Q_COUNT] = {
    "database", "tables", "columns", "column defaults", "index names",
    "constraints", "indexes", "operator and function names",
    "RLS policies", "triggers", "enum and domain types"};

/* The names serve the policies: they add no part of their own. */
static const unsigned query_part[Q_COUNT] = {
    0, SCHEMA_HAS_TABLES, SCHEMA_HAS_COLUMNS, SCHEMA_HAS_COLUMNS, SCHEMA_HAS_INDEXES, SCHEMA_HAS_CONSTRAINTS,
    SCHEMA_HAS_INDEXES, 0,
    SCHEMA_HAS_POLICIES, SCHEMA_HAS_TRIGGERS, SCHEMA_HAS_TYPES};

static const bool query_essential[Q_COUNT] = {true, true, true, true, true, true, true, false, false, false, false};

/* ---- helpers ------------------------------------------------------------ */

char *catalog_glob_regex(const char *glob)
{
    StrBuf b = STRBUF_INIT;
    sb_putc(&b, '^');
    for (const char *p = glob; *p; p++) {
        if (*p == '*')
            sb_puts(&b, ".*");
        else if (*p == '?')
            sb_putc(&b, '.');
        else if (strchr("\\.^$|()[]{}+", *p)) {
            sb_putc(&b, '\\');
            sb_putc(&b, *p);
        } else
            sb_putc(&b, *p);
    }
    sb_putc(&b, '$');
    return sb_take(&b);
}

/* A text[] literal of regexes: {"^a$","^b.*$"}. */
static char *regex_array(const char *const *globs, int n)
{
    StrBuf b = STRBUF_INIT;
    sb_putc(&b, '{');
    for (int i = 0; i < n; i++) {
        char *re = catalog_glob_regex(globs[i]);
        if (i)
            sb_putc(&b, ',');
        sb_putc(&b, '"');
        for (const char *p = re; *p; p++) {
            if (*p == '"' || *p == '\\')
                sb_putc(&b, '\\');
            sb_putc(&b, *p);
        }
        sb_putc(&b, '"');
        free(re);
    }
    sb_putc(&b, '}');
    return sb_take(&b);
}

/* Deparsed SQL on one line: pg_get_expr(..., true) breaks CASE and long
 * boolean expressions over lines, and messages quote it.  Runs of white
 * space outside literals and quoted names become one space. */
static const char *one_line_sql(Arena *a, const char *s)
{
    if (!s)
        return NULL;
    char *out = arena_alloc(a, strlen(s) + 1), *o = out;
    char quote = 0;
    bool space = false;
    for (const char *p = s; *p; p++) {
        if (!quote && isspace((unsigned char)*p)) {
            space = o != out;
            continue;
        }
        if (space) {
            *o++ = ' ';
            space = false;
        }
        if (quote && *p == quote)
            quote = 0;
        else if (!quote && (*p == '\'' || *p == '"'))
            quote = *p;
        *o++ = *p;
    }
    *o = '\0';
    return out;
}

static bool is_true(const char *v)
{
    return v && v[0] == 't';
}

typedef struct RelEntry {
    unsigned long oid;
    Table *t;
    int *attmap; /* attnum -> column index, -1 for none */
    int maxatt;
    const char *partattrs; /* "2 1", resolved once the columns are known */
    int count;             /* rows of the result being loaded */
} RelEntry;


/* A foreign key whose referenced column names come from the model once
 * every table is loaded. */
typedef struct PendingRef {
    Table *t;
    int con;             /* index into t->constraints */
    unsigned long refrel; /* oid of the referenced table */
    const char *attnums; /* "1 2" */
} PendingRef;

/* A constraint's index (PRIMARY KEY, UNIQUE, EXCLUDE), named once the
 * indexes are loaded; and each loaded index by oid. */
typedef struct PendingIndex {
    Table *t;
    int con;
    unsigned long oid;
} PendingIndex;

typedef struct IndexName {
    unsigned long oid;
    const char *name, *method;
} IndexName;

typedef struct IndexOid {
    unsigned long oid;
    Table *t;
    int index; /* into t->indexes */
} IndexOid;

/* A policy whose node tree nodetree.c could not read (a subquery, an
 * unusual constant): deparsed by the server in a second, small batch. */
typedef struct PendingPolicy {
    Table *t;
    int policy; /* index into t->policies */
    unsigned long oid;
} PendingPolicy;

typedef struct Loader {
    Schema *s;
    RelEntry *rels;
    int nrels;
    VEC(PendingRef) pending_refs;
    VEC(PendingIndex) pending_indexes;
    VEC(IndexOid) index_oids;
    VEC(IndexName) index_names; /* by oid */
    VEC(PendingPolicy) pending_policies;
    NodeNames *names; /* NULL when they could not be read */
    unsigned loaded;  /* 1 << Q_*: results loaded */
    Arena scratch;    /* node trees, one policy expression at a time */
} Loader;

static RelEntry *find_rel(const Loader *L, const char *oidtext);

/* After rows_by_rel(): room in each table's array for its rows. */
#define RESERVE_PER_TABLE(L, a, field)                                                             \
    for (int k_ = 0; k_ < (L)->nrels; k_++)                                                        \
        if ((L)->rels[k_].count)                                                                   \
            vec_reserve((a), &(L)->rels[k_].t->field, (L)->rels[k_].t->field.n + (L)->rels[k_].count)

/* Each row's relation (NULL when it is not audited), with the number of rows
 * per relation counted, so that each table's array is allocated once. */
static RelEntry **rows_by_rel(const Loader *L, const PgRows *r)
{
    for (int i = 0; i < L->nrels; i++)
        L->rels[i].count = 0;
    RelEntry **rel = xmalloc(sizeof(RelEntry *) * (size_t)(r->nrows + 1));
    const char *last = NULL;
    RelEntry *re = NULL;
    for (int i = 0; i < r->nrows; i++) {
        const char *oid = pgrows_get(r, i, 0);
        if (!last || strcmp(oid, last) != 0) {
            re = find_rel(L, oid);
            last = oid;
        }
        rel[i] = re;
        if (re)
            re->count++;
    }
    return rel;
}

/* Comparators for arrays kept sorted by the oid each element starts with. */
#define BY_OID(T)                                                                                  \
    static int cmp_##T(const void *a, const void *b)                                               \
    {                                                                                              \
        unsigned long x = ((const T *)a)->oid, y = ((const T *)b)->oid;                            \
        return (x > y) - (x < y);                                                                  \
    }
BY_OID(RelEntry)
BY_OID(IndexOid)
BY_OID(IndexName)

static RelEntry *find_rel_oid(const Loader *L, unsigned long oid)
{
    RelEntry key = {.oid = oid};
    return L->nrels ? bsearch(&key, L->rels, (size_t)L->nrels, sizeof(RelEntry), cmp_RelEntry) : NULL;
}

static RelEntry *find_rel(const Loader *L, const char *oidtext)
{
    return find_rel_oid(L, strtoul(oidtext ? oidtext : "0", NULL, 10));
}

/* "1 3 2" -> the numbers, at most limit of them (-1: all). */
static int split_ints(Arena *a, const char *text, int limit, int **out)
{
    int cap = 8, n = 0;
    int *v = arena_alloc(a, sizeof(int) * (size_t)cap);
    const char *p = text ? text : "";
    while (*p && (limit < 0 || n < limit)) {
        char *end;
        long x = strtol(p, &end, 10);
        if (end == p)
            break;
        p = end + strspn(end, " ");
        if (n == cap) {
            int *nv = arena_alloc(a, sizeof(int) * (size_t)cap * 2);
            memcpy(nv, v, sizeof(int) * (size_t)n);
            v = nv;
            cap *= 2;
        }
        v[n++] = (int)x;
    }
    *out = v;
    return n;
}

/* "1 3 2" -> column indexes via the attnum map; attnum 0 (expression) -> -1. */
static int parse_attnums(Arena *a, const RelEntry *r, const char *text, int limit, int **out)
{
    int n = split_ints(a, text, limit, out);
    for (int i = 0; i < n; i++) {
        int att = (*out)[i];
        (*out)[i] = att > 0 && att <= r->maxatt ? r->attmap[att] : -1;
    }
    return n;
}

/* ---- loaders ------------------------------------------------------------ */

static void load_tables(Loader *L, const PgRows *r)
{
    Schema *s = L->s;
    L->rels = xmalloc(sizeof(RelEntry) * (size_t)(r->nrows + 1));
    L->nrels = r->nrows;
    vec_reserve(&s->arena, &s->tables, r->nrows);
    strmap_reserve(&s->by_qname, (size_t)r->nrows);
    for (int i = 0; i < r->nrows; i++) {
        Table *t = schema_add_table(s, pgrows_get(r, i, 1), pgrows_get(r, i, 2));
        t->kind = pgrows_get(r, i, 3)[0];
        t->is_partition = is_true(pgrows_get(r, i, 4));
        if (pgrows_get(r, i, 5) && pgrows_get(r, i, 6))
            t->parent = arena_printf(&s->arena, "%s.%s", pgrows_get(r, i, 5), pgrows_get(r, i, 6));
        t->rls_enabled = is_true(pgrows_get(r, i, 7));
        t->rls_forced = is_true(pgrows_get(r, i, 8));
        t->row_estimate = pgrows_get(r, i, 9) ? strtod(pgrows_get(r, i, 9), NULL) : -1;
        t->owner = arena_strdup(&s->arena, pgrows_get(r, i, 10));
        t->owner_bypasses_rls = is_true(pgrows_get(r, i, 11));
        L->rels[i] = (RelEntry){strtoul(pgrows_get(r, i, 0), NULL, 10), t, NULL, 0,
                                arena_strdup(&s->arena, pgrows_get(r, i, 12)), 0};
    }
    qsort(L->rels, (size_t)L->nrels, sizeof(RelEntry), cmp_RelEntry);
}

/* Rows come in no particular order (sorting 70,000 of them on the server
 * costs more than the rest of the query): each table's columns are put in
 * attnum order here, through the attnum map. */
static void load_columns(Loader *L, const PgRows *r)
{
    Arena *a = &L->s->arena;
    RelEntry **rowrel = rows_by_rel(L, r);
    for (int i = 0; i < r->nrows; i++) {
        int att = atoi(pgrows_get(r, i, 1));
        if (rowrel[i] && att > rowrel[i]->maxatt)
            rowrel[i]->maxatt = att;
    }
    for (int i = 0; i < L->nrels; i++) {
        RelEntry *e = &L->rels[i];
        vec_reserve(a, &e->t->columns, e->t->columns.n + e->count);
        e->attmap = xmalloc(sizeof(int) * (size_t)(e->maxatt + 1));
        for (int k = 0; k <= e->maxatt; k++)
            e->attmap[k] = -1;
    }
    for (int i = 0; i < r->nrows; i++)
        if (rowrel[i])
            rowrel[i]->attmap[atoi(pgrows_get(r, i, 1))] = i; /* the row, for now */
    for (int k = 0; k < L->nrels; k++) {
        RelEntry *e = &L->rels[k];
        for (int att = 1; att <= e->maxatt; att++) {
            int i = e->attmap[att];
            if (i < 0)
                continue;
            Column c = {0};
            c.name = arena_strdup(a, pgrows_get(r, i, 2));
            c.type = arena_strdup(a, pgrows_get(r, i, 3));
            c.not_null = is_true(pgrows_get(r, i, 4));
            c.identity = pgrows_get(r, i, 5) ? pgrows_get(r, i, 5)[0] : 0;
            c.generated = pgrows_get(r, i, 6) && pgrows_get(r, i, 6)[0] != '\0';
            char tt = pgrows_get(r, i, 7) ? pgrows_get(r, i, 7)[0] : 'b';
            c.type_kind = tt == 'e' ? TYPE_ENUM : tt == 'd' ? TYPE_DOMAIN : tt == 'b' ? TYPE_BASE : TYPE_OTHER;
            c.is_array = is_true(pgrows_get(r, i, 8));
            c.domain_checked = is_true(pgrows_get(r, i, 9));
            c.base_type = arena_strdup(a, pgrows_get(r, i, 10));
            e->attmap[att] = e->t->columns.n; /* now the column index */
            vec_push(a, &e->t->columns, c);
        }
        if (e->partattrs) {
            int *cols;
            e->t->npartkey = parse_attnums(a, e, e->partattrs, -1, &cols);
            e->t->partkey = cols;
        }
    }
    free(rowrel);
}

/* Defaults, by attnum through the map load_columns() built. */
static void load_defaults(Loader *L, const PgRows *r)
{
    Arena *a = &L->s->arena;
    for (int i = 0; i < r->nrows; i++) {
        RelEntry *re = find_rel(L, pgrows_get(r, i, 0));
        int att = atoi(pgrows_get(r, i, 1));
        if (!re || att <= 0 || att > re->maxatt || re->attmap[att] < 0)
            continue;
        re->t->columns.v[re->attmap[att]].default_expr = arena_strdup(a, pgrows_get(r, i, 2));
    }
}

static void load_constraints(Loader *L, const PgRows *r)
{
    Arena *a = &L->s->arena;
    RelEntry **rel = rows_by_rel(L, r);
    RESERVE_PER_TABLE(L, a, constraints);
    for (int i = 0; i < r->nrows; i++) {
        RelEntry *re = rel[i];
        if (!re)
            continue;
        Constraint c = {0};
        c.name = arena_strdup(a, pgrows_get(r, i, 1));
        c.kind = (ConKind)pgrows_get(r, i, 2)[0];
        c.validated = is_true(pgrows_get(r, i, 3));
        c.deferrable = is_true(pgrows_get(r, i, 4));
        c.inherited = is_true(pgrows_get(r, i, 5));
        int *cols;
        c.ncols = parse_attnums(a, re, pgrows_get(r, i, 6), -1, &cols);
        c.cols = cols;
        if (c.kind == CON_FOREIGN) {
            vec_push(a, &L->pending_refs,
                     ((PendingRef){re->t, re->t->constraints.n, strtoul(pgrows_get(r, i, 7), NULL, 10),
                                   arena_strdup(a, pgrows_get(r, i, 14))}));
            c.on_delete = (FkAction)(pgrows_get(r, i, 8) ? pgrows_get(r, i, 8)[0] : 'a');
            c.on_update = (FkAction)(pgrows_get(r, i, 9) ? pgrows_get(r, i, 9)[0] : 'a');
            c.match_type = pgrows_get(r, i, 11) ? pgrows_get(r, i, 11)[0] : 's';
        } else if (c.kind == CON_PRIMARY || c.kind == CON_UNIQUE || c.kind == CON_EXCLUDE) {
            unsigned long ix = strtoul(pgrows_get(r, i, 13), NULL, 10);
            if (ix)
                vec_push(a, &L->pending_indexes, ((PendingIndex){re->t, re->t->constraints.n, ix}));
        }
        c.deferred = is_true(pgrows_get(r, i, 10));
        c.expr = one_line_sql(a, pgrows_get(r, i, 12));
        vec_push(a, &re->t->constraints, c);
    }
    free(rel);
}

/* Referenced tables that are audited are named from the model; the others
 * stay pending for resolve_outside(). */
static void resolve_refs(Loader *L)
{
    Arena *a = &L->s->arena;
    int kept = 0;
    for (int i = 0; i < L->pending_refs.n; i++) {
        PendingRef *p = &L->pending_refs.v[i];
        RelEntry *target = find_rel_oid(L, p->refrel);
        if (!target) {
            L->pending_refs.v[kept++] = *p;
            continue;
        }
        Constraint *c = &p->t->constraints.v[p->con];
        c->ref_schema = target->t->schema;
        c->ref_table = target->t->name;
        int *cols;
        int n = parse_attnums(a, target, p->attnums, -1, &cols);
        const char **names = arena_alloc(a, sizeof(char *) * (size_t)(n + 1));
        for (int k = 0; k < n; k++)
            names[k] = cols[k] >= 0 ? target->t->columns.v[cols[k]].name : "?";
        c->ref_cols = names;
        c->nref = n;
    }
    L->pending_refs.n = kept;
}

/* Each PRIMARY KEY, UNIQUE and EXCLUDE constraint gets its index's name,
 * and the index is marked as backing it. */
static void resolve_indexes(Loader *L)
{
    if (L->index_oids.n > 1)
        qsort(L->index_oids.v, (size_t)L->index_oids.n, sizeof(IndexOid), cmp_IndexOid);
    for (int i = 0; i < L->pending_indexes.n; i++) {
        PendingIndex *p = &L->pending_indexes.v[i];
        IndexOid key = {p->oid, NULL, 0};
        IndexOid *x = L->index_oids.n ? bsearch(&key, L->index_oids.v, (size_t)L->index_oids.n, sizeof(IndexOid),
                                                cmp_IndexOid)
                                      : NULL;
        if (!x)
            continue;
        Index *ix = &x->t->indexes.v[x->index];
        ix->backs_constraint = true;
        p->t->constraints.v[p->con].index_name = ix->name;
    }
}

/* Index names and access methods by oid, for load_indexes(); methods are
 * a handful of words, kept once each. */
static void load_index_names(Loader *L, const PgRows *r)
{
    Arena *a = &L->s->arena;
    const char *methods[16];
    int nmethods = 0;
    vec_reserve(a, &L->index_names, r->nrows);
    for (int i = 0; i < r->nrows; i++) {
        const char *m = pgrows_get(r, i, 2), *method = NULL;
        for (int k = 0; k < nmethods && !method; k++)
            if (strcmp(methods[k], m) == 0)
                method = methods[k];
        if (!method) {
            method = arena_strdup(a, m);
            if (nmethods < 16)
                methods[nmethods++] = method;
        }
        vec_push(a, &L->index_names, ((IndexName){strtoul(pgrows_get(r, i, 0), NULL, 10),
                                                   arena_strdup(a, pgrows_get(r, i, 1)), method}));
    }
    if (L->index_names.n > 1)
        qsort(L->index_names.v, (size_t)L->index_names.n, sizeof(IndexName), cmp_IndexName);
}

static void load_indexes(Loader *L, const PgRows *r)
{
    Arena *a = &L->s->arena;
    RelEntry **rel = rows_by_rel(L, r);
    RESERVE_PER_TABLE(L, a, indexes);
    vec_reserve(a, &L->index_oids, L->index_oids.n + r->nrows);
    for (int i = 0; i < r->nrows; i++) {
        RelEntry *re = rel[i];
        if (!re)
            continue;
        unsigned long oid = strtoul(pgrows_get(r, i, 1), NULL, 10);
        IndexName key = {oid, NULL, NULL};
        const IndexName *in = L->index_names.n ? bsearch(&key, L->index_names.v, (size_t)L->index_names.n,
                                                         sizeof(IndexName), cmp_IndexName)
                                               : NULL;
        if (!in)
            continue;
        Index x = {0};
        x.name = in->name;
        x.unique = is_true(pgrows_get(r, i, 2));
        x.primary = is_true(pgrows_get(r, i, 3));
        x.valid = is_true(pgrows_get(r, i, 4));
        x.method = in->method;
        int nkeys = atoi(pgrows_get(r, i, 5));
        int *cols;
        x.nkeys = parse_attnums(a, re, pgrows_get(r, i, 6), nkeys, &cols);
        x.cols = cols;
        int nexpr = 0;
        const char **defs = pgconn_text_array(a, pgrows_get(r, i, 7), &nexpr);
        x.exprs = arena_alloc(a, sizeof(char *) * (size_t)(x.nkeys + 1));
        for (int k = 0; k < x.nkeys; k++)
            x.exprs[k] = (cols[k] < 0 && defs && k < nexpr) ? defs[k] : NULL;
        x.opclasses = arena_strdup(a, pgrows_get(r, i, 8));
        x.predicate = one_line_sql(a, pgrows_get(r, i, 9));
        x.has_include = is_true(pgrows_get(r, i, 10));
        x.inherited = is_true(pgrows_get(r, i, 11));
        x.replica_identity = is_true(pgrows_get(r, i, 12));
        x.nulls_not_distinct = is_true(pgrows_get(r, i, 13));
        vec_push(a, &L->index_oids, ((IndexOid){oid, re->t, re->t->indexes.n}));
        vec_push(a, &re->t->indexes, x);
    }
    free(rel);
}

static void load_names(Loader *L, const PgRows *r)
{
    Arena *a = &L->s->arena;
    L->names = nodenames_new(a);
    for (int i = 0; i < r->nrows; i++) {
        char kind = pgrows_get(r, i, 0)[0];
        const char *name = pgrows_get(r, i, 2), *schema = pgrows_get(r, i, 3);
        bool builtin = !schema || !*schema || strcmp(schema, "pg_catalog") == 0;
        if (kind == 'f')
            name = builtin ? sql_ident(a, name) : sql_qname(a, schema, name);
        else if (kind == 'o' && !builtin)
            name = arena_printf(a, "OPERATOR(%s.%s)", sql_ident(a, schema), name);
        nodenames_add(L->names, kind, strtoul(pgrows_get(r, i, 1), NULL, 10), name);
    }
}

static const char *column_of(void *ctx, int attnum)
{
    const RelEntry *re = ctx;
    if (attnum <= 0 || attnum > re->maxatt || re->attmap[attnum] < 0)
        return NULL;
    return re->t->columns.v[re->attmap[attnum]].name;
}

/* One policy expression from its node tree.  Returns false when nodetree.c
 * cannot read it; the caller then asks the server (deparse_policies()). */
static bool policy_expr(Loader *L, RelEntry *re, const char *v, const char **text, const struct SqlExpr **tree,
                        bool *unparsed)
{
    Arena *a = &L->s->arena;
    if (!v)
        return true;
    SqlExpr *e;
    const char *sql;
    if (L->names && nodetree_read(a, &L->scratch, v, L->names, column_of, re, &e, &sql)) {
        *text = sql;
        *tree = e;
        return true;
    }
    *text = "<unreadable expression>";
    *unparsed = true;
    return false;
}

static void load_policies(Loader *L, const PgRows *r)
{
    Arena *a = &L->s->arena;
    RelEntry **rel = rows_by_rel(L, r);
    RESERVE_PER_TABLE(L, a, policies);
    for (int i = 0; i < r->nrows; i++) {
        RelEntry *re = rel[i];
        if (!re)
            continue;
        Policy p = {0};
        p.name = arena_strdup(a, pgrows_get(r, i, 1));
        p.cmd = (PolicyCmd)pgrows_get(r, i, 2)[0];
        p.permissive = is_true(pgrows_get(r, i, 3));
        p.roles = arena_strdup(a, pgrows_get(r, i, 4) ? pgrows_get(r, i, 4) : "public");
        bool ok = policy_expr(L, re, pgrows_get(r, i, 5), &p.using_expr, &p.using_tree, &p.using_unparsed);
        ok &= policy_expr(L, re, pgrows_get(r, i, 6), &p.check_expr, &p.check_tree, &p.check_unparsed);
        if (!ok)
            vec_push(a, &L->pending_policies,
                     ((PendingPolicy){re->t, re->t->policies.n, strtoul(pgrows_get(r, i, 7), NULL, 10)}));
        vec_push(a, &re->t->policies, p);
    }
    free(rel);
}

/* One more round trip in the same transaction, only when needed:
 *   - policies nodetree.c could not read: pg_get_expr() for those, parsed
 *     by schema_derive() like any SQL text (if it fails they stay
 *     unreadable, and S018 says so);
 *   - foreign keys to tables that are not audited (another schema, an
 *     extension's): the names of those tables and their columns.
 * Returns -1 when the connection was lost. */
static int follow_up(PgConn *c, Loader *L, char *err, size_t errlen)
{
    if (!L->pending_policies.n && !L->pending_refs.n)
        return 0;
    StrBuf pol = STRBUF_INIT, rel = STRBUF_INIT;
    sb_putc(&pol, '{');
    for (int i = 0; i < L->pending_policies.n; i++)
        sb_printf(&pol, "%s%lu", i ? "," : "", L->pending_policies.v[i].oid);
    sb_putc(&pol, '}');
    sb_putc(&rel, '{');
    for (int i = 0; i < L->pending_refs.n; i++)
        sb_printf(&rel, "%s%lu", i ? "," : "", L->pending_refs.v[i].refrel);
    sb_putc(&rel, '}');
    const char *pol_params[1] = {sb_str(&pol)}, *rel_params[1] = {sb_str(&rel)};
    PgQuery q[2] = {{.what = "RLS policy expressions",
                     .sql = "SELECT p.oid, pg_catalog.pg_get_expr(p.polqual, p.polrelid, true),"
                            " pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid, true)"
                            " FROM pg_catalog.pg_policy p WHERE p.oid = ANY ($1::pg_catalog.oid[])",
                     .nparams = 1,
                     .params = pol_params},
                    {.what = "referenced tables",
                     .sql = "SELECT c.oid, n.nspname, c.relname, a.attnum, a.attname"
                            " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                            " LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0"
                            " WHERE c.oid = ANY ($1::pg_catalog.oid[])",
                     .nparams = 1,
                     .params = rel_params}};
    PgQuery *first = L->pending_policies.n ? &q[0] : &q[1];
    int n = (L->pending_policies.n ? 1 : 0) + (L->pending_refs.n ? 1 : 0);
    int rc = pgconn_batch(c, first, n, err, errlen);
    Arena *a = &L->s->arena;
    for (int i = 0; rc == 0 && q[0].rows && i < q[0].rows->nrows; i++) {
        unsigned long oid = strtoul(pgrows_get(q[0].rows, i, 0), NULL, 10);
        for (int k = 0; k < L->pending_policies.n; k++) {
            PendingPolicy *pp = &L->pending_policies.v[k];
            if (pp->oid != oid)
                continue;
            Policy *p = &pp->t->policies.v[pp->policy];
            p->using_expr = one_line_sql(a, pgrows_get(q[0].rows, i, 1));
            p->check_expr = one_line_sql(a, pgrows_get(q[0].rows, i, 2));
            p->using_tree = p->check_tree = NULL;
            p->using_unparsed = p->check_unparsed = false;
        }
    }
    /* Each pending reference: the table's name, and its columns by attnum;
     * a table that cannot be named (the query failed) keeps its oid. */
    for (int k = 0; rc == 0 && k < L->pending_refs.n; k++) {
        PendingRef *p = &L->pending_refs.v[k];
        Constraint *con = &p->t->constraints.v[p->con];
        const PgRows *r = q[1].rows;
        int *atts;
        int nrefs = split_ints(a, p->attnums, -1, &atts);
        const char **names = arena_alloc(a, sizeof(char *) * (size_t)(nrefs + 1));
        for (int j = 0; j < nrefs; j++)
            names[j] = "?";
        con->ref_schema = "";
        con->ref_table = arena_printf(a, "(table %lu)", p->refrel);
        for (int i = 0; r && i < r->nrows; i++) {
            if (strtoul(pgrows_get(r, i, 0), NULL, 10) != p->refrel)
                continue;
            con->ref_schema = arena_strdup(a, pgrows_get(r, i, 1));
            con->ref_table = arena_strdup(a, pgrows_get(r, i, 2));
            const char *att = pgrows_get(r, i, 3);
            if (!att)
                continue;
            for (int j = 0; j < nrefs; j++)
                if (atts[j] == atoi(att))
                    names[j] = arena_strdup(a, pgrows_get(r, i, 4));
        }
        con->ref_cols = names;
        con->nref = nrefs;
    }
    for (int i = 0; i < 2; i++)
        pgquery_clear(&q[i]);
    sb_fini(&pol);
    sb_fini(&rel);
    return rc;
}

static void load_triggers(Loader *L, const PgRows *r)
{
    Arena *a = &L->s->arena;
    for (int i = 0; i < r->nrows; i++) {
        char enabled = pgrows_get(r, i, 2)[0];
        bool internal = is_true(pgrows_get(r, i, 3));
        /* A disabled constraint trigger disables its foreign key, wherever
         * the trigger lives (child or parent table). */
        if (enabled == 'D' && pgrows_get(r, i, 4)) {
            RelEntry *owner = find_rel(L, pgrows_get(r, i, 4));
            const char *conname = pgrows_get(r, i, 5);
            bool on_child = strcmp(pgrows_get(r, i, 0), pgrows_get(r, i, 4)) == 0;
            for (int k = 0; owner && conname && k < owner->t->constraints.n; k++) {
                Constraint *c = &owner->t->constraints.v[k];
                if (c->kind == CON_FOREIGN && strcmp(c->name, conname) == 0) {
                    if (on_child)
                        c->disabled_triggers++;
                    else
                        c->disabled_ref_triggers++;
                }
            }
        }
        RelEntry *re = find_rel(L, pgrows_get(r, i, 0));
        if (!re)
            continue;
        Trigger t = {0};
        t.name = arena_strdup(a, pgrows_get(r, i, 1));
        t.enabled = enabled;
        t.internal = internal;
        t.constraint = arena_strdup(a, pgrows_get(r, i, 5));
        vec_push(a, &re->t->triggers, t);
    }
}

static void load_types(Loader *L, const PgRows *r)
{
    for (int i = 0; i < r->nrows; i++) {
        char k = pgrows_get(r, i, 2)[0];
        TypeDef *td = schema_add_type(L->s, pgrows_get(r, i, 0), pgrows_get(r, i, 1),
                                      k == 'e' ? TYPE_ENUM : TYPE_DOMAIN);
        td->labels = pgconn_text_array(&L->s->arena, pgrows_get(r, i, 3), NULL);
        td->has_check = is_true(pgrows_get(r, i, 4));
    }
}

#define BY_NAME(T)                                                                                 \
    static int cmp_##T(const void *a, const void *b)                                               \
    {                                                                                              \
        return strcmp(((const T *)a)->name, ((const T *)b)->name);                                 \
    }
BY_NAME(Constraint)
BY_NAME(Index)
BY_NAME(Policy)
BY_NAME(Trigger)

/* The queries return rows unordered; every source gives each table's
 * objects in name order, so findings and fixes do not depend on it. */
static void sort_objects(Schema *s)
{
    for (int i = 0; i < s->tables.n; i++) {
        Table *t = s->tables.v[i];
        if (t->constraints.n > 1)
            qsort(t->constraints.v, (size_t)t->constraints.n, sizeof(Constraint), cmp_Constraint);
        if (t->indexes.n > 1)
            qsort(t->indexes.v, (size_t)t->indexes.n, sizeof(Index), cmp_Index);
        if (t->policies.n > 1)
            qsort(t->policies.v, (size_t)t->policies.n, sizeof(Policy), cmp_Policy);
        if (t->triggers.n > 1)
            qsort(t->triggers.v, (size_t)t->triggers.n, sizeof(Trigger), cmp_Trigger);
    }
}

/* ---- entry point -------------------------------------------------------- */

/* Loads one result, in Q_* order, and frees it. */
static void load_result(Loader *L, int i, PgQuery *q)
{
    if (!q->rows)
        return;
    switch (i) {
    case Q_DB:
        if (q->rows->nrows && pgrows_get(q->rows, 0, 0))
            L->s->database = arena_strdup(&L->s->arena, pgrows_get(q->rows, 0, 0));
        break;
    case Q_TABLES: load_tables(L, q->rows); break;
    case Q_COLUMNS: load_columns(L, q->rows); break;
    case Q_DEFAULTS: load_defaults(L, q->rows); break;
    case Q_CONSTRAINTS:
        load_constraints(L, q->rows);
        resolve_refs(L); /* every table and column is loaded by now */
        break;
    case Q_INDEXES:
        load_indexes(L, q->rows);
        resolve_indexes(L);
        break;
    case Q_NAMES: load_names(L, q->rows); break;
    case Q_INDEX_NAMES: load_index_names(L, q->rows); break;
    case Q_POLICIES:
        if (!L->names)
            return; /* without the names they stay unread: a gap */
        load_policies(L, q->rows);
        break;
    case Q_TRIGGERS: load_triggers(L, q->rows); break;
    case Q_TYPES: load_types(L, q->rows); break;
    default: break;
    }
    L->loaded |= 1u << i;
    pgquery_clear(q);
}

/* The first session's results are loaded as they arrive, while the server
 * still runs the later queries. */
typedef struct Stream {
    Loader *L;
    PgQuery *q; /* the batch, to find a query's index */
} Stream;

static void on_result(PgQuery *q, void *ctx)
{
    Stream *st = ctx;
    load_result(st->L, (int)(q - st->q), q);
}

/* The second session runs in a thread of its own: it waits for the snapshot
 * to share, runs the queries from
 * Q_SECOND on and hands each result over as it arrives; the main thread
 * loads them in order once the first session's are loaded. */
typedef struct Second {
    PgConn *conn;
    PgQuery *q; /* the whole batch; this session fills q[Q_SECOND..] */
    pthread_mutex_t lock;
    pthread_cond_t cond;
    char snapshot[80]; /* set by the main thread */
    bool snapshot_set; /* ... "" when there is none: give up */
    unsigned ready;    /* 1 << Q_*: results in */
    enum { SECOND_RUNNING, SECOND_DONE, SECOND_UNUSED, SECOND_LOST } state;
    char err[256]; /* SECOND_LOST */
} Second;

static void second_result(PgQuery *q, void *ctx)
{
    Second *sc = ctx;
    pthread_mutex_lock(&sc->lock);
    sc->ready |= 1u << (int)(q - sc->q);
    pthread_cond_broadcast(&sc->cond);
    pthread_mutex_unlock(&sc->lock);
}

static void second_finish(Second *sc, int state)
{
    pthread_mutex_lock(&sc->lock);
    sc->state = state;
    pthread_cond_broadcast(&sc->cond);
    pthread_mutex_unlock(&sc->lock);
}

static void *second_main(void *arg)
{
    Second *sc = arg;
    PgConn *c = sc->conn;
    pthread_mutex_lock(&sc->lock);
    while (!sc->snapshot_set)
        pthread_cond_wait(&sc->cond, &sc->lock);
    bool go = c && sc->snapshot[0];
    pthread_mutex_unlock(&sc->lock);
    if (!go) {
        pgconn_close(c);
        second_finish(sc, SECOND_UNUSED);
        return NULL;
    }
    for (int i = Q_SECOND; i < Q_COUNT; i++) {
        sc->q[i].done = second_result;
        sc->q[i].ctx = sc;
    }
    int rc = pgconn_begin(c, sc->snapshot, NULL, 0, &sc->q[Q_SECOND], Q_COUNT - Q_SECOND, sc->err, sizeof sc->err);
    if (rc == 0)
        rc = pgconn_end(c, sc->err, sizeof sc->err);
    pgconn_close(c);
    /* A session that could not start hands its queries back to the first;
     * one lost midway loses the audit, as the first would. */
    second_finish(sc, rc == 0 ? SECOND_DONE : rc == -2 && !sc->ready ? SECOND_UNUSED : SECOND_LOST);
    return NULL;
}

static void second_share(Second *sc, const char *snapshot)
{
    pthread_mutex_lock(&sc->lock);
    snprintf(sc->snapshot, sizeof sc->snapshot, "%s", snapshot ? snapshot : "");
    sc->snapshot_set = true;
    pthread_cond_broadcast(&sc->cond);
    pthread_mutex_unlock(&sc->lock);
}

/* Loads the second session's results in order as they come.  Returns 0,
 * 1 when the second session did not run (its queries are still to run),
 * -1 when it was lost (err says why). */
static int second_load(Second *sc, Loader *L, char *err, size_t errlen)
{
    for (int i = Q_SECOND; i < Q_COUNT; i++) {
        pthread_mutex_lock(&sc->lock);
        while (!(sc->ready & (1u << i)) && sc->state == SECOND_RUNNING)
            pthread_cond_wait(&sc->cond, &sc->lock);
        bool ready = sc->ready & (1u << i);
        int state = sc->state;
        pthread_mutex_unlock(&sc->lock);
        if (!ready) {
            if (state == SECOND_UNUSED)
                return 1;
            snprintf(err, errlen, "%s", sc->err[0] ? sc->err : "connection lost");
            return -1;
        }
        load_result(L, i, &sc->q[i]);
    }
    return 0;
}

int catalog_read(PgConn *c, PgConn *second_conn, const CatalogFilter *f, CatalogResult *res)
{
    memset(res, 0, sizeof *res);
    char *inc = regex_array(f ? f->schemas : NULL, f ? f->nschemas : 0);
    char *exc = regex_array(f ? f->exclude : NULL, f ? f->nexclude : 0);
    const char *params[2] = {inc, exc};

    static const char indexes_pre15[] = INDEXES_SQL("false");
    const char *index_sql = pgconn_server_version(c) >= 150000 ? query_sql[Q_INDEXES] : indexes_pre15;

    Schema *s = schema_new(pgconn_dbname(c));
    Loader L = {.s = s};
    PgQuery q[Q_COUNT];
    Stream st = {&L, q};
    memset(q, 0, sizeof q);
    for (int i = 0; i < Q_COUNT; i++) {
        q[i].what = query_what[i];
        q[i].sql = i == Q_INDEXES ? index_sql : query_sql[i];
        q[i].nparams = 2;
        q[i].params = params;
        q[i].done = on_result;
        q[i].ctx = &st;
    }

    /* Two sessions on the server's cores, one snapshot: the first exports
     * it and runs the queries before Q_SECOND, the second imports it and
     * runs the rest.  If the second cannot connect or start, the first
     * runs everything. */
    Second sc = {.conn = second_conn, .q = q, .state = SECOND_RUNNING};
    pthread_mutex_init(&sc.lock, NULL);
    pthread_cond_init(&sc.cond, NULL);
    pthread_t thread;
    bool threaded = second_conn && pthread_create(&thread, NULL, second_main, &sc) == 0;
    if (second_conn && !threaded)
        pgconn_close(second_conn);
    char snapshot[80] = "";
    bool lost = false;
    int rc = pgconn_begin(c, NULL, threaded ? snapshot : NULL, sizeof snapshot, NULL, 0, res->error,
                          sizeof res->error);
    if (threaded)
        second_share(&sc, rc == 0 ? snapshot : NULL);
    if (rc == 0)
        rc = pgconn_batch(c, q, Q_SECOND, res->error, sizeof res->error);
    lost = rc != 0;
    int second = 1; /* 1: the first session runs the second's queries */
    if (threaded) {
        if (rc == 0)
            second = second_load(&sc, &L, res->error, sizeof res->error);
        pthread_join(thread, NULL);
        if (second < 0)
            rc = -1, lost = true;
    }
    if (rc == 0 && second == 1) {
        for (int i = Q_SECOND; i < Q_COUNT; i++) {
            q[i].done = on_result;
            q[i].ctx = &st;
        }
        rc = pgconn_batch(c, &q[Q_SECOND], Q_COUNT - Q_SECOND, res->error, sizeof res->error);
        lost = rc != 0;
    }
    pthread_mutex_destroy(&sc.lock);
    pthread_cond_destroy(&sc.cond);
    free(inc);
    free(exc);
    for (int i = 0; rc == 0 && i < Q_COUNT; i++) {
        if (query_essential[i] && !(L.loaded & (1u << i))) {
            snprintf(res->error, sizeof res->error, "cannot read the catalog's %s: %s", q[i].what,
                     q[i].error ? q[i].error : "no result");
            rc = -1;
        }
    }
    if (rc == 0) {
        s->have = SCHEMA_HAS_TABLES | SCHEMA_HAS_COLUMNS | SCHEMA_HAS_CONSTRAINTS | SCHEMA_HAS_INDEXES;
        for (int i = 0; i < Q_COUNT; i++) {
            if (query_essential[i])
                continue;
            if (L.loaded & (1u << i)) {
                s->have |= query_part[i];
                continue;
            }
            /* Policies without names are a gap with the names' error. */
            const PgQuery *why = i == Q_POLICIES && !(L.loaded & (1u << Q_NAMES)) ? &q[Q_NAMES] : &q[i];
            if (i == Q_NAMES || res->ngaps >= (int)(sizeof res->gaps / sizeof res->gaps[0]))
                continue;
            res->gaps[res->ngaps].what = query_what[i];
            res->gaps[res->ngaps].error = xstrdup(why->error ? why->error : "no result");
            res->ngaps++;
        }
        if (!(L.loaded & (1u << Q_NAMES)))
            s->have &= ~(unsigned)SCHEMA_HAS_POLICIES;
    }
    if (rc == 0 && (follow_up(c, &L, res->error, sizeof res->error) != 0 ||
                    pgconn_end(c, res->error, sizeof res->error) != 0))
        rc = -1, lost = true;
    res->lost = lost;
    for (int i = 0; i < L.nrels; i++)
        free(L.rels[i].attmap);
    free(L.rels);
    arena_fini(&L.scratch);
    for (int i = 0; i < Q_COUNT; i++)
        pgquery_clear(&q[i]);
    if (rc != 0) {
        schema_free(s);
        return -1;
    }
    sort_objects(s);
    schema_derive(s);
    res->schema = s;
    return 0;
}

void catalog_result_fini(CatalogResult *res)
{
    for (int i = 0; i < res->ngaps; i++)
        free(res->gaps[i].error);
    res->ngaps = 0;
    schema_free(res->schema);
    res->schema = NULL;
}
