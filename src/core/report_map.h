/* report_map.h - the integrity map that the html and dot writers draw.
 *
 * Tables are nodes, foreign keys are edges, and the references S003 infers
 * but no foreign key enforces are edges of their own kind.  Each node says
 * whether its table holds tenant data and how row level security guards it,
 * and how many findings point at it.  The layout is computed here, once, so
 * the HTML page needs no layout code in the browser and every run draws the
 * same picture: tables that reference nothing sit in the first column, a
 * table one column right of the deepest table it references (longest path,
 * cycles broken where the depth-first walk meets them), and the tables of a
 * column are ordered to keep references short (a few barycentre passes).
 *
 * `scan` reports draw every project's tables in one map, deduplicated by
 * qualified name (projects that migrate one database reference each other's
 * tables); `db` reports over several databases draw one map per database.
 */
#ifndef DBAUDIT_REPORT_MAP_H
#define DBAUDIT_REPORT_MAP_H

#include <stdbool.h>

#include "core/config.h"
#include "core/report.h"
#include "core/strmap.h"

struct Table;

typedef enum MapState {
    MAP_PLAIN,      /* holds no tenant data */
    MAP_TENANTS,    /* the tenants table itself */
    MAP_RLS_FORCED, /* tenant-scoped; RLS enabled and forced */
    MAP_RLS_ON,     /* tenant-scoped; RLS enabled, not forced (the owner bypasses it) */
    MAP_NO_RLS,     /* tenant-scoped; RLS disabled */
    MAP_EXTERNAL,   /* referenced, but not in any model of the report */
    MAP_STATE_COUNT
} MapState;

typedef struct MapNode {
    const char *qname;        /* "schema.name", unquoted: the key */
    const char *label;        /* what the map prints: "tickets", "audit.\"Log\"" */
    const char *source;       /* the source whose model holds it; NULL when external */
    const struct Table *table; /* NULL when external */
    MapState state;
    const char *scoped_via;   /* tenant-scoped through this parent (qname), not a column of its own */
    int counts[3];            /* findings on the table or its columns, per Severity */
    int layer;                /* foreign-key depth */
    int x, y, w, h;           /* box, in pixels */
} MapNode;

typedef enum MapEdgeKind {
    EDGE_FK,         /* a foreign key */
    EDGE_UNENFORCED, /* a foreign key that is NOT VALID or whose triggers are disabled */
    EDGE_INFERRED    /* no foreign key, but S003 infers the reference */
} MapEdgeKind;

typedef struct MapEdge {
    int from, to;          /* nodes: the referencing table, the referenced one */
    MapEdgeKind kind;
    const char *name;      /* constraint name; NULL when inferred */
    const char *cols;      /* "event_id" or "a, b" */
    const char *ref_cols;  /* "id"; NULL when inferred */
    const char *on_delete; /* "CASCADE", "NO ACTION"...; NULL when inferred */
    const Finding *finding; /* inferred: the S003 finding */
    const char *path;      /* SVG path data, from the layout */
} MapEdge;

typedef struct Map {
    const char *title; /* the database, when the report has one map per database; else NULL */
    VEC(MapNode) nodes; /* sorted by qname */
    VEC(MapEdge) edges;
    StrMap index;       /* qname (partitions too: their parent's node) -> node + 1 */
    int width, height;  /* of the drawing */
} Map;

typedef struct MapSet {
    Arena arena; /* everything below */
    VEC(Map) maps;
    const char *tenant_column; /* the configuration's, for node captions */
} MapSet;

enum { MAP_NODE_H = 44 };

/* Builds the maps of r's models (none when no source has a model), with
 * cfg's tenant column and tenants tables.  Never fails. */
void map_build(MapSet *ms, const Report *r, const AuditConfig *cfg);
void map_fini(MapSet *ms);

/* The node finding f is about (its object's table), or -1; *map is set to
 * the map that holds it. */
int map_node_of(const MapSet *ms, const Report *r, const Finding *f, int *map);

/* "tenant-scoped, RLS enabled and forced" and the like, for legends. */
const char *map_state_text(MapState s);
/* One line for a node: "tenant_id, RLS forced", "via events, no RLS". */
const char *map_node_status(MapSet *ms, const MapNode *n);
/* The worst severity among a node's findings, or -1 when it has none. */
int map_node_worst(const MapNode *n);
int map_node_total(const MapNode *n);

/* Splits a location object ("schema.table[.column]", identifiers double-
 * quoted when not plain) into the table's unquoted "schema.table", in a;
 * NULL when it is not of that form. */
const char *map_object_table(Arena *a, const char *object);

#endif
