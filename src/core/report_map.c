/* report_map.c - the integrity map: nodes, edges, tenant state, layout; see
 * report_map.h.
 *
 * Everything is integer arithmetic in a fixed order (nodes sorted by name,
 * edges in model order, stable tie-breaks), so a report draws the same map
 * on every machine and the golden files in tests/formats hold.  The layout
 * is linear in tables and references but for the column ordering, which
 * sorts each column three times: 10,000 tables lay out in milliseconds.
 */
#include "core/report_map.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "schema/schema.h"

enum {
    MARGIN = 24,     /* around the drawing */
    COL_GAP = 110,   /* between columns: room for the curves */
    ROW_GAP = 18,    /* between boxes of a column */
    MIN_ROWS = 12,   /* a column holds at least this many boxes before wrapping */
    MAX_LAYERS = 12, /* deeper chains of references are drawn as a flowing grid */
    LABEL_MAX = 30   /* characters of a name before it is cut with an ellipsis */
};

/* ---- names ---------------------------------------------------------------- */

static bool plain_ident(const char *s)
{
    if (!(*s == '_' || (*s >= 'a' && *s <= 'z')))
        return false;
    for (; *s; s++)
        if (!(*s == '_' || *s == '$' || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
            return false;
    return true;
}

/* As reports print identifiers: bare when plain, double-quoted otherwise. */
static const char *display_ident(Arena *a, const char *s)
{
    if (plain_ident(s))
        return s;
    StrBuf b = STRBUF_INIT;
    sb_putc(&b, '"');
    for (; *s; s++) {
        if (*s == '"')
            sb_putc(&b, '"');
        sb_putc(&b, *s);
    }
    sb_putc(&b, '"');
    char *r = arena_strdup(a, sb_str(&b));
    sb_fini(&b);
    return r;
}

static int utf8_chars(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xc0) != 0x80;
    return n;
}

/* s cut to max characters, the last one an ellipsis, when longer. */
static const char *cut(Arena *a, const char *s, int max)
{
    if (utf8_chars(s) <= max)
        return s;
    const char *p = s;
    for (int n = 0; *p; p++) {
        if (((unsigned char)*p & 0xc0) != 0x80 && n++ == max - 1)
            break;
    }
    return arena_printf(a, "%.*s\xe2\x80\xa6", (int)(p - s), s);
}

const char *map_object_table(Arena *a, const char *object)
{
    const char *part[3] = {NULL, NULL, NULL};
    int n = 0;
    const char *p = object;
    StrBuf b = STRBUF_INIT;
    while (*p && n < 3) {
        sb_reset(&b);
        if (*p == '"') {
            for (p++;; p++) {
                if (!*p)
                    goto bad;
                if (*p == '"') {
                    if (p[1] != '"') {
                        p++;
                        break;
                    }
                    p++;
                }
                sb_putc(&b, *p);
            }
        } else {
            while (*p && *p != '.')
                sb_putc(&b, *p++);
        }
        part[n++] = arena_strdup(a, sb_str(&b));
        if (*p == '.') {
            p++;
            if (!*p)
                goto bad;
        } else if (*p) {
            goto bad;
        }
    }
    sb_fini(&b);
    if (*p || n < 2)
        return NULL;
    return arena_printf(a, "%s.%s", part[0], part[1]);
bad:
    sb_fini(&b);
    return NULL;
}

/* ---- nodes and edges ------------------------------------------------------- */

static int node_index(const Map *m, const char *qname)
{
    void *v = strmap_get(&m->index, qname);
    return v ? (int)(intptr_t)v - 1 : -1;
}

static void index_put(Map *m, const char *qname, int i)
{
    strmap_put(&m->index, qname, (void *)(intptr_t)(i + 1));
}

static const char *fk_target(Arena *a, const Table *t, const Constraint *k)
{
    return arena_printf(a, "%s.%s", k->ref_schema ? k->ref_schema : t->schema, k->ref_table);
}

static bool is_drawn_fk(const Table *t, const Constraint *k)
{
    return k->kind == CON_FOREIGN && k->ref_table && (!t->is_partition || !k->inherited);
}

static void add_node(MapSet *ms, Map *m, const char *qname, const Table *t, const char *source)
{
    MapNode nd = {0};
    nd.qname = arena_strdup(&ms->arena, qname);
    nd.table = t;
    nd.source = source;
    nd.state = t ? MAP_PLAIN : MAP_EXTERNAL;
    vec_push(&ms->arena, &m->nodes, nd);
    index_put(m, nd.qname, m->nodes.n - 1);
}

static int cmp_node(const void *pa, const void *pb)
{
    return strcmp(((const MapNode *)pa)->qname, ((const MapNode *)pb)->qname);
}

static const char *col_list(Arena *a, const Table *t, const int *cols, int n)
{
    StrBuf b = STRBUF_INIT;
    for (int i = 0; i < n; i++) {
        if (i)
            sb_puts(&b, ", ");
        sb_puts(&b, cols[i] >= 0 && cols[i] < t->columns.n ? t->columns.v[cols[i]].name : "?");
    }
    char *s = arena_strdup(a, sb_str(&b));
    sb_fini(&b);
    return s;
}

static const char *name_list(Arena *a, const char *const *names, int n)
{
    StrBuf b = STRBUF_INIT;
    for (int i = 0; i < n; i++) {
        if (i)
            sb_puts(&b, ", ");
        sb_puts(&b, names[i] ? names[i] : "?");
    }
    char *s = arena_strdup(a, sb_str(&b));
    sb_fini(&b);
    return s;
}

static int map_of(const MapSet *ms, const Finding *f)
{
    if (ms->maps.n == 1)
        return 0;
    for (int i = 0; i < ms->maps.n; i++)
        if (f->database && ms->maps.v[i].title && strcmp(ms->maps.v[i].title, f->database) == 0)
            return i;
    return -1;
}

int map_node_of(const MapSet *ms, const Report *r, const Finding *f, int *map)
{
    (void)r;
    if (!f->object)
        return -1;
    int m = map_of(ms, f);
    if (m < 0)
        return -1;
    Arena scratch;
    arena_init(&scratch);
    const char *q = map_object_table(&scratch, f->object);
    int n = q ? node_index(&ms->maps.v[m], q) : -1;
    arena_fini(&scratch);
    if (n >= 0 && map)
        *map = m;
    return n;
}

/* The models drawn in map m: every source's for one map, one source's
 * otherwise. */
static bool source_in_map(const MapSet *ms, const Map *m, const ReportSource *s)
{
    return ms->maps.n == 1 || (m->title && strcmp(m->title, s->name) == 0);
}

static void build_nodes(MapSet *ms, Map *m, const Report *r, StrMap *owner)
{
    Arena *a = &ms->arena;
    strmap_init(&m->index, a);
    /* Tables, the first source's when two define one (scan: projects that
     * migrate one database). */
    for (int si = 0; si < r->sources.n; si++) {
        const ReportSource *src = &r->sources.v[si];
        const Schema *s = src->schema;
        if (!s || !source_in_map(ms, m, src))
            continue;
        for (int i = 0; i < s->tables.n; i++) {
            const Table *t = s->tables.v[i];
            if (strmap_get(owner, t->qname))
                continue;
            strmap_put(owner, t->qname, (void *)t);
            if (!t->is_partition)
                add_node(ms, m, t->qname, t, src->name);
        }
    }
    /* What they reference outside every model, and the targets of inferred
     * references. */
    for (int si = 0; si < r->sources.n; si++) {
        const ReportSource *src = &r->sources.v[si];
        const Schema *s = src->schema;
        if (!s || !source_in_map(ms, m, src))
            continue;
        for (int i = 0; i < s->tables.n; i++) {
            const Table *t = s->tables.v[i];
            for (int k = 0; k < t->constraints.n; k++) {
                const Constraint *c = &t->constraints.v[k];
                if (!is_drawn_fk(t, c))
                    continue;
                const char *q = fk_target(a, t, c);
                if (node_index(m, q) < 0 && !strmap_get(owner, q))
                    add_node(ms, m, q, NULL, NULL);
            }
        }
    }
    for (int i = 0; i < r->findings.n; i++) {
        const Finding *f = &r->findings.v[i];
        int mi = map_of(ms, f);
        if (f->rule == RULE_S003 && f->target && mi >= 0 && &ms->maps.v[mi] == m && node_index(m, f->target) < 0 &&
            !strmap_get(owner, f->target))
            add_node(ms, m, f->target, NULL, NULL);
    }
    /* Sorted by name, so the layout does not depend on the sources' order. */
    if (m->nodes.n > 1)
        qsort(m->nodes.v, (size_t)m->nodes.n, sizeof(MapNode), cmp_node);
    strmap_init(&m->index, a);
    for (int i = 0; i < m->nodes.n; i++)
        index_put(m, m->nodes.v[i].qname, i);
    /* Partitions are drawn as their partitioned table (partitions of
     * partitions too: a few passes reach the root). */
    for (int pass = 0; pass < 8; pass++) {
        bool more = false;
        for (int si = 0; si < r->sources.n; si++) {
            const ReportSource *src = &r->sources.v[si];
            if (!src->schema || !source_in_map(ms, m, src))
                continue;
            for (int i = 0; i < src->schema->tables.n; i++) {
                const Table *t = src->schema->tables.v[i];
                if (!t->is_partition || !t->parent || node_index(m, t->qname) >= 0)
                    continue;
                int p = node_index(m, t->parent);
                if (p >= 0)
                    index_put(m, t->qname, p);
                else
                    more = true;
            }
        }
        if (!more)
            break;
    }
}

static void build_edges(MapSet *ms, Map *m, const Report *r, const StrMap *owner)
{
    Arena *a = &ms->arena;
    for (int si = 0; si < r->sources.n; si++) {
        const ReportSource *src = &r->sources.v[si];
        const Schema *s = src->schema;
        if (!s || !source_in_map(ms, m, src))
            continue;
        for (int i = 0; i < s->tables.n; i++) {
            const Table *t = s->tables.v[i];
            int from = node_index(m, t->qname);
            if (from < 0 || strmap_get(owner, t->qname) != t)
                continue;
            for (int k = 0; k < t->constraints.n; k++) {
                const Constraint *c = &t->constraints.v[k];
                if (!is_drawn_fk(t, c))
                    continue;
                MapEdge e = {0};
                e.from = from;
                e.to = node_index(m, fk_target(a, t, c));
                if (e.to < 0)
                    continue;
                e.kind = c->validated && !c->disabled_triggers && !c->disabled_ref_triggers ? EDGE_FK
                                                                                              : EDGE_UNENFORCED;
                e.name = c->name;
                e.cols = col_list(a, t, c->cols, c->ncols);
                e.ref_cols = name_list(a, c->ref_cols, c->nref);
                e.on_delete = fk_action_sql(c->on_delete);
                vec_push(a, &m->edges, e);
            }
        }
    }
    for (int i = 0; i < r->findings.n; i++) {
        const Finding *f = &r->findings.v[i];
        int mi = -1;
        if (f->rule != RULE_S003 || !f->target)
            continue;
        int from = map_node_of(ms, r, f, &mi);
        if (from < 0 || &ms->maps.v[mi] != m)
            continue;
        MapEdge e = {0};
        e.from = from;
        e.to = node_index(m, f->target);
        if (e.to < 0)
            continue;
        e.kind = EDGE_INFERRED;
        /* the column: the object's last part */
        const char *dot = strrchr(f->object, '.');
        e.cols = dot ? dot + 1 : f->object;
        e.finding = f;
        vec_push(a, &m->edges, e);
    }
}

/* Tenant scope: the tenant column, or a declared foreign key to the tenants
 * table or to a tenant-scoped table (breadth first from those). */
static void tenant_state(MapSet *ms, Map *m, const AuditConfig *cfg)
{
    int n = m->nodes.n;
    if (!n)
        return;
    bool *scoped = arena_alloc(&ms->arena, sizeof *scoped * (size_t)n);
    bool *tenants = arena_alloc(&ms->arena, sizeof *tenants * (size_t)n);
    int *queue = arena_alloc(&ms->arena, sizeof *queue * (size_t)n);
    int qn = 0;
    for (int i = 0; i < n; i++) {
        const MapNode *nd = &m->nodes.v[i];
        if (!nd->table)
            continue;
        tenants[i] = name_matches(nd->table->name, &cfg->tenant_tables);
        scoped[i] = !tenants[i] && table_column_index(nd->table, cfg->tenant_column) >= 0;
        if (tenants[i] || scoped[i])
            queue[qn++] = i;
    }
    /* declared foreign keys into each node: in[start[v] .. start[v + 1]) */
    int *start = arena_alloc(&ms->arena, sizeof(int) * (size_t)(n + 1));
    int *in = arena_alloc(&ms->arena, sizeof(int) * (size_t)(m->edges.n + 1));
    for (int e = 0; e < m->edges.n; e++)
        if (m->edges.v[e].kind != EDGE_INFERRED)
            start[m->edges.v[e].to + 1]++;
    for (int v = 0; v < n; v++)
        start[v + 1] += start[v];
    int *fill = arena_memdup(&ms->arena, start, (size_t)n + 1, sizeof(int));
    for (int e = 0; e < m->edges.n; e++)
        if (m->edges.v[e].kind != EDGE_INFERRED)
            in[fill[m->edges.v[e].to]++] = m->edges.v[e].from;
    for (int qi = 0; qi < qn; qi++) {
        int p = queue[qi];
        for (int j = start[p]; j < start[p + 1]; j++) {
            int c = in[j];
            if (c == p || scoped[c] || tenants[c] || !m->nodes.v[c].table)
                continue;
            scoped[c] = true;
            m->nodes.v[c].scoped_via = m->nodes.v[p].qname;
            queue[qn++] = c;
        }
    }
    for (int i = 0; i < n; i++) {
        MapNode *nd = &m->nodes.v[i];
        if (!nd->table)
            nd->state = MAP_EXTERNAL;
        else if (tenants[i])
            nd->state = MAP_TENANTS;
        else if (!scoped[i])
            nd->state = MAP_PLAIN;
        else if (nd->table->rls_enabled)
            nd->state = nd->table->rls_forced ? MAP_RLS_FORCED : MAP_RLS_ON;
        else
            nd->state = MAP_NO_RLS;
    }
}

/* ---- layout ------------------------------------------------------------------ */

typedef struct Key {
    long long sum;
    int cnt, node;
} Key;

static int cmp_key(const void *pa, const void *pb)
{
    const Key *a = pa, *b = pb;
    long long l = a->sum * b->cnt, r = b->sum * a->cnt;
    if (l != r)
        return l < r ? -1 : 1;
    return a->node - b->node;
}

typedef struct Adj {
    int *start, *list; /* neighbours of v: list[start[v] .. start[v + 1]) */
} Adj;

/* Neighbours through edges other than loops: parents (up) or children. */
static Adj adjacency(Arena *a, const Map *m, bool up)
{
    int n = m->nodes.n;
    Adj g;
    g.start = arena_alloc(a, sizeof(int) * (size_t)(n + 1));
    g.list = arena_alloc(a, sizeof(int) * (size_t)(m->edges.n + 1));
    for (int e = 0; e < m->edges.n; e++)
        if (m->edges.v[e].from != m->edges.v[e].to)
            g.start[(up ? m->edges.v[e].from : m->edges.v[e].to) + 1]++;
    for (int v = 0; v < n; v++)
        g.start[v + 1] += g.start[v];
    int *fill = arena_alloc(a, sizeof(int) * (size_t)(n + 1));
    memcpy(fill, g.start, sizeof(int) * (size_t)n);
    for (int e = 0; e < m->edges.n; e++) {
        const MapEdge *ed = &m->edges.v[e];
        if (ed->from != ed->to)
            g.list[fill[up ? ed->from : ed->to]++] = up ? ed->to : ed->from;
    }
    return g;
}

/* Longest path to a table that references nothing, ignoring the edges that
 * close a cycle (met while their target is still on the walk's stack). */
static int layers(Arena *a, Map *m, const Adj *up)
{
    int n = m->nodes.n, deepest = 0;
    char *state = arena_alloc(a, (size_t)n);
    int *stack = arena_alloc(a, sizeof(int) * (size_t)n);
    int *it = arena_alloc(a, sizeof(int) * (size_t)n);
    for (int s = 0; s < n; s++) {
        if (state[s])
            continue;
        int sp = 0;
        stack[sp] = s;
        it[sp++] = up->start[s];
        state[s] = 1;
        m->nodes.v[s].layer = 0;
        while (sp) {
            int v = stack[sp - 1];
            if (it[sp - 1] < up->start[v + 1]) {
                int p = up->list[it[sp - 1]++];
                if (state[p] == 0) {
                    state[p] = 1;
                    m->nodes.v[p].layer = 0;
                    stack[sp] = p;
                    it[sp++] = up->start[p];
                } else if (state[p] == 2 && m->nodes.v[p].layer + 1 > m->nodes.v[v].layer) {
                    m->nodes.v[v].layer = m->nodes.v[p].layer + 1;
                }
            } else {
                state[v] = 2;
                if (m->nodes.v[v].layer > deepest)
                    deepest = m->nodes.v[v].layer;
                if (--sp) {
                    int u = stack[sp - 1];
                    if (m->nodes.v[v].layer + 1 > m->nodes.v[u].layer)
                        m->nodes.v[u].layer = m->nodes.v[v].layer + 1;
                }
            }
        }
    }
    return deepest + 1;
}

/* Orders each layer by the mean position of the neighbours given by g
 * (positions normalised to the neighbour's layer size); a node without
 * neighbours keeps its own position. */
static void order_pass(const Map *m, const Adj *g, int *const *layer, const int *size, int *pos, Key *keys, int from,
                       int to, int step)
{
    for (int l = from; l != to; l += step) {
        for (int i = 0; i < size[l]; i++) {
            int v = layer[l][i];
            Key k = {0, 0, v};
            for (int j = g->start[v]; j < g->start[v + 1]; j++) {
                int u = g->list[j];
                k.sum += (2LL * pos[u] + 1) * 4096 / size[m->nodes.v[u].layer];
                k.cnt++;
            }
            if (!k.cnt) {
                k.sum = (2LL * pos[v] + 1) * 4096 / size[l];
                k.cnt = 1;
            }
            keys[i] = k;
        }
        qsort(keys, (size_t)size[l], sizeof(Key), cmp_key);
        for (int i = 0; i < size[l]; i++) {
            layer[l][i] = keys[i].node;
            pos[keys[i].node] = i;
        }
    }
}

static int node_width(MapSet *ms, const MapNode *nd)
{
    int name = utf8_chars(nd->label), status = utf8_chars(map_node_status(ms, nd));
    int w = 18 + name * 8 + 34;
    if (16 + status * 7 > w)
        w = 16 + status * 7;
    return w < 150 ? 150 : w;
}

typedef struct Port {
    int node, side; /* side 0: left, 1: right */
    int other_y, other_x, edge, end; /* end 0: the referencing table */
} Port;

static int cmp_port(const void *pa, const void *pb)
{
    const Port *a = pa, *b = pb;
    if (a->node != b->node)
        return a->node - b->node;
    if (a->side != b->side)
        return a->side - b->side;
    if (a->other_y != b->other_y)
        return a->other_y - b->other_y;
    if (a->other_x != b->other_x)
        return a->other_x - b->other_x;
    if (a->edge != b->edge)
        return a->edge - b->edge;
    return a->end - b->end;
}

/* Curves: each edge leaves and enters a box on the side facing the other
 * box, at a point of its own along that side (ordered by where the other
 * box is, so curves do not cross at the box). */
static void route(MapSet *ms, Map *m)
{
    Arena *a = &ms->arena;
    int ne = m->edges.n;
    if (!ne)
        return;
    Port *ports = arena_alloc(a, sizeof(Port) * (size_t)ne * 2);
    int *side = arena_alloc(a, sizeof(int) * (size_t)ne * 2);
    int *px = arena_alloc(a, sizeof(int) * (size_t)ne * 2);
    int *py = arena_alloc(a, sizeof(int) * (size_t)ne * 2);
    int np = 0;
    for (int e = 0; e < ne; e++) {
        const MapEdge *ed = &m->edges.v[e];
        if (ed->from == ed->to)
            continue;
        const MapNode *c = &m->nodes.v[ed->from], *p = &m->nodes.v[ed->to];
        int sc = c->x > p->x ? 0 : c->x < p->x ? 1 : 0;
        int sp = c->x > p->x ? 1 : c->x < p->x ? 0 : 0;
        side[2 * e] = sc;
        side[2 * e + 1] = sp;
        ports[np++] = (Port){ed->from, sc, p->y, p->x, e, 0};
        ports[np++] = (Port){ed->to, sp, c->y, c->x, e, 1};
    }
    qsort(ports, (size_t)np, sizeof(Port), cmp_port);
    for (int i = 0; i < np;) {
        int j = i;
        while (j < np && ports[j].node == ports[i].node && ports[j].side == ports[i].side)
            j++;
        const MapNode *nd = &m->nodes.v[ports[i].node];
        for (int k = i; k < j; k++) {
            int slot = 2 * ports[k].edge + ports[k].end;
            px[slot] = ports[k].side ? nd->x + nd->w : nd->x;
            py[slot] = nd->y + (nd->h * (k - i + 1)) / (j - i + 1);
        }
        i = j;
    }
    for (int e = 0; e < ne; e++) {
        MapEdge *ed = &m->edges.v[e];
        if (ed->from == ed->to) {
            const MapNode *nd = &m->nodes.v[ed->from];
            int x = nd->x + nd->w, y = nd->y;
            ed->path = arena_printf(a, "M%d %d C%d %d %d %d %d %d", x, y + 10, x + 40, y - 6, x + 40, y + nd->h + 6, x,
                                    y + nd->h - 10);
            continue;
        }
        int x1 = px[2 * e], y1 = py[2 * e], x2 = px[2 * e + 1], y2 = py[2 * e + 1];
        int s1 = side[2 * e], s2 = side[2 * e + 1];
        int dx = s1 != s2 ? abs(x2 - x1) / 2 : 40 + abs(y2 - y1) / 6;
        if (dx < 30)
            dx = 30;
        ed->path = arena_printf(a, "M%d %d C%d %d %d %d %d %d", x1, y1, s1 ? x1 + dx : x1 - dx, y1,
                                s2 ? x2 + dx : x2 - dx, y2, x2, y2);
    }
}

static void layout(MapSet *ms, Map *m)
{
    Arena *a = &ms->arena;
    int n = m->nodes.n;
    if (!n)
        return;
    Adj up = adjacency(a, m, true), down = adjacency(a, m, false);
    int nl = layers(a, m, &up);
    int *size = arena_alloc(a, sizeof(int) * (size_t)nl);
    int **layer = arena_alloc(a, sizeof(int *) * (size_t)nl);
    int *pos = arena_alloc(a, sizeof(int) * (size_t)n);
    for (int v = 0; v < n; v++)
        size[m->nodes.v[v].layer]++;
    for (int l = 0; l < nl; l++) {
        layer[l] = arena_alloc(a, sizeof(int) * (size_t)size[l]);
        size[l] = 0;
    }
    for (int v = 0; v < n; v++) {
        int l = m->nodes.v[v].layer;
        pos[v] = size[l];
        layer[l][size[l]++] = v;
    }
    Key *keys = arena_alloc(a, sizeof(Key) * (size_t)n);
    order_pass(m, &up, layer, size, pos, keys, 1, nl, 1);
    order_pass(m, &down, layer, size, pos, keys, nl - 1, -1, -1);
    order_pass(m, &up, layer, size, pos, keys, 1, nl, 1);

    for (int v = 0; v < n; v++) {
        MapNode *nd = &m->nodes.v[v];
        nd->h = MAP_NODE_H;
        nd->w = node_width(ms, nd);
    }
    /* Columns: one per layer, wrapped when a layer is taller than rows; a
     * chain of references deeper than MAX_LAYERS flows through the columns
     * instead, in the same order. */
    int rows = MIN_ROWS;
    while (rows * rows * 100 < n * 144)
        rows++;
    bool flow = nl > MAX_LAYERS;
    int *col_of = arena_alloc(a, sizeof(int) * (size_t)n);
    int *row_of = arena_alloc(a, sizeof(int) * (size_t)n);
    int *col_w = arena_alloc(a, sizeof(int) * (size_t)(n + 1));
    int *col_rows = arena_alloc(a, sizeof(int) * (size_t)(n + 1));
    int ncols = 0, r = 0;
    for (int l = 0; l < nl; l++) {
        for (int i = 0; i < size[l]; i++) {
            if (ncols == 0 || r == rows || (!flow && i == 0)) {
                ncols++;
                r = 0;
            }
            int v = layer[l][i];
            col_of[v] = ncols - 1;
            row_of[v] = r++;
            col_rows[ncols - 1] = r;
            if (m->nodes.v[v].w > col_w[ncols - 1])
                col_w[ncols - 1] = m->nodes.v[v].w;
        }
    }
    int maxrows = 0;
    for (int c = 0; c < ncols; c++)
        if (col_rows[c] > maxrows)
            maxrows = col_rows[c];
    int pitch = MAP_NODE_H + ROW_GAP;
    int *col_x = arena_alloc(a, sizeof(int) * (size_t)(ncols + 1));
    col_x[0] = MARGIN;
    for (int c = 1; c <= ncols; c++)
        col_x[c] = col_x[c - 1] + col_w[c - 1] + COL_GAP;
    for (int v = 0; v < n; v++) {
        MapNode *nd = &m->nodes.v[v];
        int c = col_of[v];
        nd->w = col_w[c];
        nd->x = col_x[c];
        nd->y = MARGIN + (maxrows - col_rows[c]) * pitch / 2 + row_of[v] * pitch;
    }
    m->width = col_x[ncols] - COL_GAP + MARGIN + 40; /* + room for loops on the last column */
    m->height = 2 * MARGIN + maxrows * pitch - ROW_GAP;
    route(ms, m);
}

/* ---- the set ------------------------------------------------------------------ */

static void label_nodes(MapSet *ms, Map *m)
{
    /* The schema is left out when every table of the map shares one, and
     * for "public" (the tooltips give the full name). */
    bool one_schema = true;
    const char *first = NULL;
    for (int i = 0; i < m->nodes.n && one_schema; i++) {
        const char *q = m->nodes.v[i].qname, *dot = strchr(q, '.');
        size_t len = dot ? (size_t)(dot - q) : strlen(q);
        if (!first)
            first = q;
        else if (strncmp(first, q, len) != 0 || first[len] != '.')
            one_schema = false;
    }
    for (int i = 0; i < m->nodes.n; i++) {
        MapNode *nd = &m->nodes.v[i];
        const char *schema = NULL, *name = nd->qname;
        if (nd->table) {
            schema = nd->table->schema;
            name = nd->table->name;
        } else {
            const char *dot = strchr(nd->qname, '.');
            if (dot) {
                schema = arena_strndup(&ms->arena, nd->qname, (size_t)(dot - nd->qname));
                name = dot + 1;
            }
        }
        const char *label = display_ident(&ms->arena, name);
        if (schema && !one_schema && strcmp(schema, "public") != 0)
            label = arena_printf(&ms->arena, "%s.%s", display_ident(&ms->arena, schema), label);
        nd->label = cut(&ms->arena, label, LABEL_MAX);
    }
}

void map_build(MapSet *ms, const Report *r, const AuditConfig *cfg)
{
    memset(ms, 0, sizeof *ms);
    arena_init(&ms->arena);
    Arena *a = &ms->arena;
    bool any = false;
    for (int i = 0; i < r->sources.n; i++)
        any |= r->sources.v[i].schema != NULL;
    if (!any)
        return;
    bool per_source = r->sources.n > 1 && !(r->command && strcmp(r->command, "scan") == 0);
    for (int i = 0; i < r->sources.n; i++) {
        if (!per_source && i > 0)
            break;
        if (per_source && !r->sources.v[i].schema)
            continue;
        Map m = {0};
        m.title = per_source ? r->sources.v[i].name : NULL;
        vec_push(a, &ms->maps, m);
    }
    /* A single map stands for every source: map_of() returns 0 for all. */
    for (int i = 0; i < ms->maps.n; i++) {
        Map *m = &ms->maps.v[i];
        StrMap owner; /* qname -> the Table drawn for it */
        strmap_init(&owner, a);
        build_nodes(ms, m, r, &owner);
        build_edges(ms, m, r, &owner);
        tenant_state(ms, m, cfg);
        label_nodes(ms, m);
    }
    ms->tenant_column = cfg->tenant_column;
    for (int i = 0; i < r->findings.n; i++) {
        const Finding *f = &r->findings.v[i];
        int mi = -1, n = map_node_of(ms, r, f, &mi);
        if (n >= 0)
            ms->maps.v[mi].nodes.v[n].counts[f->severity]++;
    }
    for (int i = 0; i < ms->maps.n; i++)
        layout(ms, &ms->maps.v[i]);
}

void map_fini(MapSet *ms)
{
    arena_fini(&ms->arena);
}

const char *map_state_text(MapState s)
{
    switch (s) {
    case MAP_RLS_FORCED: return "tenant-scoped, RLS enabled and forced";
    case MAP_RLS_ON: return "tenant-scoped, RLS enabled but not forced";
    case MAP_NO_RLS: return "tenant-scoped, RLS disabled";
    case MAP_TENANTS: return "the tenants table";
    case MAP_EXTERNAL: return "referenced, outside the audited model";
    case MAP_PLAIN:
    default: return "not tenant-scoped";
    }
}

const char *map_node_status(MapSet *ms, const MapNode *n)
{
    Arena *a = &ms->arena;
    const Table *t = n->table;
    switch (n->state) {
    case MAP_EXTERNAL: return "not in the model";
    case MAP_TENANTS: return t->rls_enabled ? "tenants table, RLS on" : "tenants table";
    case MAP_PLAIN: return t->rls_enabled ? "no tenant data, RLS on" : "no tenant data";
    default: break;
    }
    const char *rls = n->state == MAP_RLS_FORCED ? "RLS forced" : n->state == MAP_RLS_ON ? "RLS not forced" : "no RLS";
    if (!n->scoped_via)
        return arena_printf(a, "%s, %s", ms->tenant_column ? ms->tenant_column : "tenant", rls);
    const char *dot = strchr(n->scoped_via, '.');
    return arena_printf(a, "via %s, %s", cut(a, dot ? dot + 1 : n->scoped_via, 16), rls);
}

int map_node_worst(const MapNode *n)
{
    return n->counts[SEV_ERROR] ? SEV_ERROR : n->counts[SEV_WARNING] ? SEV_WARNING : n->counts[SEV_INFO] ? SEV_INFO : -1;
}

int map_node_total(const MapNode *n)
{
    return n->counts[0] + n->counts[1] + n->counts[2];
}
