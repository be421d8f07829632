/* report_dot.c - the integrity map in Graphviz DOT.
 *
 * The same map as the HTML report (report_map.c), for `dot -Tsvg` or any
 * tool that reads DOT: a node per table, filled by tenant scope and row
 * level security and labelled with its findings, an edge per foreign key
 * (columns and ON DELETE), and the references S003 infers without a
 * foreign key dashed red.  Graphviz lays it out itself; references point
 * right to left, as in the HTML map.  Node ids are the tables' unquoted
 * "schema.table" (prefixed by the database when a report covers several),
 * double-quoted and escaped like every other string here.
 */
#include <string.h>

#include "core/report.h"
#include "core/report_map.h"

typedef struct Colors {
    const char *stroke, *fill;
} Colors;

static Colors state_colors(MapState s)
{
    switch (s) {
    case MAP_RLS_FORCED: return (Colors){"#2e7d32", "#e6f4ea"};
    case MAP_RLS_ON: return (Colors){"#b7791f", "#fff4d6"};
    case MAP_NO_RLS: return (Colors){"#c53030", "#fde8e8"};
    case MAP_TENANTS: return (Colors){"#2b6cb0", "#e3effd"};
    case MAP_EXTERNAL: return (Colors){"#9aa1a9", "#ffffff"};
    case MAP_PLAIN:
    default: return (Colors){"#8a919a", "#f1f2f4"};
    }
}

/* Inside a double-quoted DOT string: quotes and backslashes escaped (a
 * backslash starts an escape such as \n or \N in labels), line breaks as \n,
 * other control characters and bytes that are not UTF-8 as '?'. */
static void esc(FILE *out, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        unsigned c = *p;
        if (c == '"' || c == '\\') {
            fputc('\\', out);
            fputc((int)c, out);
        } else if (c == '\n') {
            fputs("\\n", out);
        } else if (c < 0x20 || c == 0x7f) {
            fputc('?', out);
        } else if (c < 0x80) {
            fputc((int)c, out);
        } else {
            int n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
            for (int i = 1; i < n; i++)
                if ((p[i] & 0xc0) != 0x80)
                    n = 0;
            if (n && ((c == 0xe0 && p[1] < 0xa0) || (c == 0xed && p[1] >= 0xa0) || (c == 0xf0 && p[1] < 0x90) ||
                      (c == 0xf4 && p[1] >= 0x90)))
                n = 0;
            if (!n) {
                fputc('?', out);
                continue;
            }
            fwrite(p, 1, (size_t)n, out);
            p += n - 1;
        }
    }
}

static void node_id(FILE *out, const Map *m, const MapNode *n)
{
    fputc('"', out);
    if (m->title) {
        esc(out, m->title);
        fputc(':', out);
    }
    esc(out, n->qname);
    fputc('"', out);
}

static void counts_text(FILE *out, const int c[3])
{
    bool any = false;
    for (int s = SEV_ERROR; s >= SEV_INFO; s--) {
        if (!c[s])
            continue;
        fprintf(out, "%s%d %s%s", any ? ", " : "", c[s], severity_name((Severity)s),
                c[s] == 1 || s == SEV_INFO ? "" : "s");
        any = true;
    }
}

static void write_map(FILE *out, MapSet *ms, int mi, const char *indent)
{
    const Map *m = &ms->maps.v[mi];
    for (int i = 0; i < m->nodes.n; i++) {
        const MapNode *n = &m->nodes.v[i];
        Colors c = state_colors(n->state);
        fputs(indent, out);
        node_id(out, m, n);
        fputs(" [label=\"", out);
        esc(out, n->label);
        fputs("\\n", out);
        esc(out, map_node_status(ms, n));
        if (map_node_total(n)) {
            fputs("\\n", out);
            counts_text(out, n->counts);
        }
        fprintf(out, "\", color=\"%s\", fillcolor=\"%s\"", c.stroke, c.fill);
        if (n->state == MAP_EXTERNAL)
            fputs(", style=\"rounded,dashed\"", out);
        if (n->counts[SEV_ERROR])
            fputs(", penwidth=2.5", out);
        fputs(", tooltip=\"", out);
        esc(out, n->qname);
        fputs(": ", out);
        esc(out, map_state_text(n->state));
        fputs("\"];\n", out);
    }
    for (int e = 0; e < m->edges.n; e++) {
        const MapEdge *ed = &m->edges.v[e];
        fputs(indent, out);
        node_id(out, m, &m->nodes.v[ed->from]);
        fputs(" -> ", out);
        node_id(out, m, &m->nodes.v[ed->to]);
        fputs(" [label=\"", out);
        esc(out, ed->cols);
        if (ed->kind == EDGE_INFERRED) {
            fputs("\\nno foreign key\", style=dashed, color=\"#c53030\", fontcolor=\"#c53030\", penwidth=1.5, "
                  "tooltip=\"S003: ",
                  out);
            esc(out, ed->finding ? ed->finding->message : "");
            fputs("\"];\n", out);
            continue;
        }
        fputs(" \xe2\x86\x92 ", out);
        esc(out, ed->ref_cols);
        fputs("\\nON DELETE ", out);
        esc(out, ed->on_delete);
        fputs("\"", out);
        if (ed->kind == EDGE_UNENFORCED)
            fputs(", style=dotted, color=\"#dd6b20\", fontcolor=\"#dd6b20\"", out);
        fputs(", tooltip=\"", out);
        esc(out, ed->name);
        if (ed->kind == EDGE_UNENFORCED)
            fputs(" (not enforced: NOT VALID or triggers disabled)", out);
        fputs("\"];\n", out);
    }
}

int report_write_dot(FILE *out, const Report *r)
{
    MapSet ms;
    map_build(&ms, r, r->config ? r->config : config_default());
    fputs("// dbaudit " DBAUDIT_VERSION " integrity map of `dbaudit ", out);
    fputs(r->command && strcmp(r->command, "scan") == 0 ? "scan" : "db", out);
    fputs("`; render with: dot -Tsvg -o map.svg\n", out);
    fputs("digraph \"dbaudit\" {\n"
          "  graph [rankdir=RL, fontname=\"Helvetica\", fontsize=10, nodesep=0.25, ranksep=1.0, labelloc=b, "
          "label=\"fill: green tenant-scoped with RLS enabled and forced; amber RLS not forced; red tenant-scoped "
          "without RLS; blue the tenants table; grey not tenant-scoped; dashed outside the model.\\n"
          "edges: grey foreign key; orange dotted NOT VALID or triggers disabled; red dashed reference without a "
          "foreign key (S003)\"];\n"
          "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10];\n"
          "  edge [fontname=\"Helvetica\", fontsize=8, color=\"#8a94a6\", fontcolor=\"#59636e\", arrowsize=0.7];\n",
          out);
    for (int i = 0; i < ms.maps.n; i++) {
        const Map *m = &ms.maps.v[i];
        if (m->title) {
            fprintf(out, "  subgraph \"cluster_%d\" {\n    label=\"", i);
            esc(out, m->title);
            fputs("\";\n    labelloc=t;\n", out);
            write_map(out, &ms, i, "    ");
            fputs("  }\n", out);
        } else {
            write_map(out, &ms, i, "  ");
        }
    }
    fputs("}\n", out);
    map_fini(&ms);
    return ferror(out) ? -1 : 0;
}
