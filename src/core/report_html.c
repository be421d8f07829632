/* report_html.c - the report as one page to open in a browser.
 *
 * One self-contained file: inline CSS, a few lines of inline script (hover
 * highlights a table's references) and an inline SVG drawing of the
 * integrity map (report_map.c lays it out; the page has no layout code).  It
 * loads nothing: a Content-Security-Policy forbids every fetch, so the page
 * can be attached to a ticket or archived as a build artifact and still
 * show the same thing.  Sections: what was audited, the counts, the map
 * (tables coloured by tenant scope and row level security, foreign keys,
 * missing foreign keys dashed red, a badge with each table's findings that
 * links to them), the findings by rule (with the rule's documentation,
 * docs/rules/<ID>.md) and by object (message, fix, data samples).
 *
 * Everything that comes from a database or a file is escaped; bytes that
 * are not UTF-8, and control characters, print as U+FFFD.
 */
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "core/report.h"
#include "core/report_map.h"
#include "core/strmap.h"
#include "schema/schema.h"

typedef struct Html {
    FILE *out;
    const Report *r;
    MapSet ms;
    Arena a;       /* scratch */
    int *group_of; /* finding -> its by-object group */
    int ngroups;
    int **anchor;  /* [map][node] -> the first group about it, or -1 */
} Html;

/* ---- escaping ------------------------------------------------------------------- */

/* Length of the valid UTF-8 sequence at p (lead byte >= 0x80), or 0. */
static int utf8_len(const unsigned char *p)
{
    unsigned c = p[0];
    int n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    for (int i = 1; i < n; i++)
        if ((p[i] & 0xc0) != 0x80)
            return 0;
    if ((c == 0xe0 && p[1] < 0xa0) || (c == 0xed && p[1] >= 0xa0) || (c == 0xf0 && p[1] < 0x90) ||
        (c == 0xf4 && p[1] >= 0x90))
        return 0; /* overlong, surrogate, above U+10FFFF */
    return n;
}

static void esc(Html *h, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    while (*p) {
        unsigned c = *p;
        int n = 1;
        switch (c) {
        case '&': fputs("&amp;", h->out); break;
        case '<': fputs("&lt;", h->out); break;
        case '>': fputs("&gt;", h->out); break;
        case '"': fputs("&quot;", h->out); break;
        case '\'': fputs("&#39;", h->out); break;
        case '\n':
        case '\t': fputc((int)c, h->out); break;
        default:
            if (c < 0x20 || c == 0x7f) {
                fputs("\xef\xbf\xbd", h->out);
            } else if (c < 0x80) {
                fputc((int)c, h->out);
            } else if ((n = utf8_len(p)) > 0) {
                fwrite(p, 1, (size_t)n, h->out);
            } else {
                fputs("\xef\xbf\xbd", h->out);
                n = 1;
            }
        }
        p += n;
    }
}

static void put(Html *h, const char *s)
{
    fputs(s, h->out);
}

/* printf for markup; arguments are numbers or already escaped. */
static void putf(Html *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(Html *h, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(h->out, fmt, ap);
    va_end(ap);
}

/* ---- pieces ----------------------------------------------------------------------- */

static const char *const sev_class[] = {"sev-info", "sev-warning", "sev-error"};

static const char *state_class(MapState s)
{
    static const char *const names[MAP_STATE_COUNT] = {"st-plain", "st-tenants", "st-forced",
                                                        "st-rlson", "st-norls",   "st-external"};
    return names[s];
}

static const char *source_state(SourceState s)
{
    return s == SOURCE_AUDITED ? "audited" : s == SOURCE_PARTIAL ? "partial" : "failed";
}

static void put_counts(Html *h, const int c[3])
{
    bool any = false;
    for (int s = SEV_ERROR; s >= SEV_INFO; s--) {
        if (!c[s])
            continue;
        putf(h, "%s%d %s%s", any ? ", " : "", c[s], severity_name((Severity)s),
             c[s] == 1 || s == SEV_INFO ? "" : "s");
        any = true;
    }
    if (!any)
        put(h, "no findings");
}

static void put_doc_link(Html *h, RuleId id, const char *text)
{
    putf(h, "<a class=\"doc\" href=\"docs/rules/%s.md\">", rule_table[id].id);
    esc(h, text);
    put(h, "</a>");
}

static void put_where(Html *h, const Finding *f)
{
    bool multi = h->r->sources.n > 1;
    if (f->file) {
        esc(h, f->file);
        putf(h, ":%d:%d", f->line, f->col);
    } else {
        esc(h, f->object ? f->object : "");
    }
    if (multi && f->database) {
        put(h, " <span class=\"db\">(");
        esc(h, f->database);
        put(h, ")</span>");
    }
}

static const char *const css =
    ":root{--err:#c53030;--warn:#b7791f;--info:#2b6cb0;--ink:#1f2328;--dim:#59636e;--line:#d8dee4}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;font:14px/1.45 system-ui,-apple-system,\"Segoe UI\",sans-serif;color:var(--ink);background:#fff}\n"
    "header,section,nav,footer{padding:0 24px}\n"
    "header{padding-top:14px;border-bottom:1px solid var(--line)}\n"
    "h1{font-size:20px;margin:0 0 4px}h2{font-size:17px;margin:22px 0 8px}h3{font-size:15px;margin:14px 0 6px}\n"
    "code,pre,.loc{font-family:ui-monospace,\"DejaVu Sans Mono\",monospace;font-size:12.5px}\n"
    ".meta{color:var(--dim);margin:0 0 8px}\n"
    "table.sources{border-collapse:collapse;margin:0 0 12px}\n"
    "table.sources td,table.sources th{border:1px solid var(--line);padding:2px 8px;text-align:left}\n"
    ".state-failed{color:var(--err)}.state-partial{color:var(--warn)}\n"
    ".summary{display:flex;gap:12px;align-items:center;flex-wrap:wrap;padding-top:12px}\n"
    ".count{border:1px solid var(--line);border-radius:6px;padding:4px 12px;text-decoration:none;color:var(--ink)}\n"
    ".count b{font-size:20px;margin-right:4px}\n"
    ".count.sev-error b,.sev.sev-error{color:var(--err)}.count.sev-warning b,.sev.sev-warning{color:var(--warn)}\n"
    ".count.sev-info b,.sev.sev-info{color:var(--info)}\n"
    ".stats{color:var(--dim)}\n"
    "nav{padding-top:10px}nav a{margin-right:14px}\n"
    ".legend{list-style:none;padding:0;margin:0 0 8px;display:flex;flex-wrap:wrap;gap:4px 18px;color:var(--dim)}\n"
    ".legend li{display:flex;align-items:center;gap:6px}\n"
    ".key{display:inline-block;width:22px;height:14px;border:2px solid;border-radius:4px}\n"
    ".mapbox{overflow:auto;border:1px solid var(--line);border-radius:6px;max-height:80vh;background:#fcfcfd}\n"
    "svg.map text{font-family:ui-monospace,\"DejaVu Sans Mono\",monospace}\n"
    ".node rect.box{stroke-width:2}.node text.name{font-size:13px;fill:var(--ink)}\n"
    ".node text.status{font-size:11px;fill:var(--dim)}\n"
    ".st-forced rect.box,.key.st-forced{fill:#e6f4ea;background:#e6f4ea;stroke:#2e7d32;border-color:#2e7d32}\n"
    ".st-rlson rect.box,.key.st-rlson{fill:#fff4d6;background:#fff4d6;stroke:#b7791f;border-color:#b7791f}\n"
    ".st-norls rect.box,.key.st-norls{fill:#fde8e8;background:#fde8e8;stroke:#c53030;border-color:#c53030}\n"
    ".st-tenants rect.box,.key.st-tenants{fill:#e3effd;background:#e3effd;stroke:#2b6cb0;border-color:#2b6cb0}\n"
    ".st-plain rect.box,.key.st-plain{fill:#f1f2f4;background:#f1f2f4;stroke:#8a919a;border-color:#8a919a}\n"
    ".st-external rect.box,.key.st-external{fill:#fff;background:#fff;stroke:#9aa1a9;border-color:#9aa1a9;"
    "stroke-dasharray:4 3;border-style:dashed}\n"
    ".badge rect{stroke:none}.badge text{font-size:11px;font-weight:bold;fill:#fff;text-anchor:middle}\n"
    ".badge.sev-error rect,span.badge.sev-error{fill:var(--err);background:var(--err)}\n"
    ".badge.sev-warning rect,span.badge.sev-warning{fill:var(--warn);background:var(--warn)}\n"
    ".badge.sev-info rect,span.badge.sev-info{fill:var(--info);background:var(--info)}\n"
    "span.badge{color:#fff;border-radius:8px;padding:0 6px;font-size:11px;font-weight:bold}\n"
    ".edge{fill:none;stroke-width:1.6}.edge:hover{stroke-width:3}\n"
    ".edge.fk{stroke:#8a94a6}.edge.unenforced{stroke:#dd6b20;stroke-dasharray:2 3}\n"
    ".edge.to-tenants{opacity:.35}\n"
    ".edge.inferred{stroke:#c53030;stroke-dasharray:7 4;stroke-width:2}\n"
    "svg.focus .edge{opacity:.12}svg.focus .edge.on{opacity:1;stroke-width:2.6}\n"
    "a.node{cursor:pointer}a.node:hover rect.box{stroke-width:3}\n"
    ".rule,.group{border-top:1px solid var(--line);padding:4px 0 8px}\n"
    ".rule ul{margin:4px 0;padding-left:20px}.rule p{margin:4px 0}.why{color:var(--dim)}\n"
    ".group>summary{cursor:pointer;padding:6px 0;font-weight:600}\n"
    ".finding{border-left:4px solid var(--line);margin:6px 0 10px;padding:2px 0 2px 12px}\n"
    ".finding.sev-error{border-color:var(--err)}.finding.sev-warning{border-color:var(--warn)}\n"
    ".finding.sev-info{border-color:var(--info)}\n"
    ".finding p{margin:3px 0}.finding .head{display:flex;gap:10px;flex-wrap:wrap;align-items:baseline}\n"
    ".sev{font-weight:600}.slug,.loc,.db{color:var(--dim)}\n"
    "pre.fix{background:#f6f8fa;border:1px solid var(--line);border-radius:6px;padding:8px 10px;overflow:auto;"
    "margin:4px 0}\n"
    ":target{outline:2px solid #0969da;outline-offset:2px}\n"
    "footer{color:var(--dim);border-top:1px solid var(--line);margin-top:24px;padding-top:8px;padding-bottom:16px}\n";

/* Hover on a table: its references stand out, the others fade.  Also marks
 * the body once it ran, which the page's test reads from the DOM. */
static const char *const script =
    "(function () {\n"
    "  var svgs = document.querySelectorAll('svg.map');\n"
    "  Array.prototype.forEach.call(svgs, function (svg) {\n"
    "    var edges = svg.querySelectorAll('.edge');\n"
    "    function focus(id, on) {\n"
    "      svg.classList.toggle('focus', on);\n"
    "      Array.prototype.forEach.call(edges, function (e) {\n"
    "        e.classList.toggle('on', on && (e.getAttribute('data-from') === id || "
    "e.getAttribute('data-to') === id));\n"
    "      });\n"
    "    }\n"
    "    Array.prototype.forEach.call(svg.querySelectorAll('.node'), function (n) {\n"
    "      var id = n.getAttribute('data-node');\n"
    "      n.addEventListener('mouseenter', function () { focus(id, true); });\n"
    "      n.addEventListener('mouseleave', function () { focus(id, false); });\n"
    "    });\n"
    "  });\n"
    "  document.body.setAttribute('data-map', svgs.length ? 'ready' : 'none');\n"
    "})();\n";

/* ---- sections ---------------------------------------------------------------------- */

static void header(Html *h)
{
    const Report *r = h->r;
    bool scan = r->command && strcmp(r->command, "scan") == 0;
    int c[3];
    report_counts(r, c);
    put(h, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
           "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n"
           "<meta name=\"generator\" content=\"dbaudit " DBAUDIT_VERSION "\">\n<title>dbaudit ");
    esc(h, r->command ? r->command : "report");
    for (int i = 0; i < r->sources.n && i < 3; i++) {
        put(h, i ? ", " : ": ");
        esc(h, r->sources.v[i].name);
    }
    if (r->sources.n > 3)
        putf(h, " and %d more", r->sources.n - 3);
    put(h, " \xe2\x80\x94 ");
    put_counts(h, c);
    putf(h, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<header>\n<h1>dbaudit report</h1>\n", css);
    put(h, "<p class=\"meta\">dbaudit " DBAUDIT_VERSION " \xc2\xb7 <code>dbaudit ");
    esc(h, r->command ? r->command : "");
    putf(h, "</code> \xc2\xb7 %d %s%s</p>\n", r->sources.n, scan ? "project" : "database",
         r->sources.n == 1 ? "" : "s");
    if (!r->sources.n) {
        put(h, "</header>\n");
        return;
    }
    putf(h, "<table class=\"sources\">\n<thead><tr><th>%s</th><th>state</th><th>tables</th><th>note</th></tr></thead>\n"
            "<tbody>\n",
         scan ? "project" : "database");
    for (int i = 0; i < r->sources.n; i++) {
        const ReportSource *s = &r->sources.v[i];
        put(h, "<tr><td>");
        esc(h, s->name);
        putf(h, "</td><td class=\"state-%s\">%s</td><td>", source_state(s->state), source_state(s->state));
        if (s->state != SOURCE_FAILED)
            putf(h, "%d", s->tables);
        put(h, "</td><td>");
        esc(h, s->error ? s->error : "");
        put(h, "</td></tr>\n");
    }
    put(h, "</tbody>\n</table>\n</header>\n");
}

static void summary(Html *h)
{
    int c[3];
    report_counts(h->r, c);
    put(h, "<section class=\"summary\" id=\"summary\">\n");
    for (int s = SEV_ERROR; s >= SEV_INFO; s--)
        putf(h, "<a class=\"count %s\" href=\"#by-rule\"><b>%d</b>%s%s</a>\n", sev_class[s], c[s],
             severity_name((Severity)s), c[s] == 1 || s == SEV_INFO ? "" : "s");
    int tables = 0, fks = 0, inferred = 0;
    for (int i = 0; i < h->ms.maps.n; i++) {
        const Map *m = &h->ms.maps.v[i];
        for (int k = 0; k < m->nodes.n; k++)
            tables += m->nodes.v[k].table != NULL;
        for (int k = 0; k < m->edges.n; k++)
            m->edges.v[k].kind == EDGE_INFERRED ? inferred++ : fks++;
    }
    putf(h,
         "<span class=\"stats\">%d table%s \xc2\xb7 %d foreign key%s \xc2\xb7 %d reference%s without a foreign "
         "key</span>\n</section>\n",
         tables, tables == 1 ? "" : "s", fks, fks == 1 ? "" : "s", inferred, inferred == 1 ? "" : "s");
    put(h, "<nav><a href=\"#map\">Integrity map</a><a href=\"#by-rule\">Findings by rule</a>"
           "<a href=\"#by-object\">Findings by object</a></nav>\n");
}

static void legend(Html *h)
{
    static const MapState order[] = {MAP_RLS_FORCED, MAP_RLS_ON, MAP_NO_RLS, MAP_TENANTS, MAP_PLAIN, MAP_EXTERNAL};
    put(h, "<ul class=\"legend\">\n");
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
        putf(h, "<li><span class=\"key %s\"></span>%s</li>\n", state_class(order[i]), map_state_text(order[i]));
    static const char *const edges[][2] = {
        {"fk", "foreign key (arrow at the referenced table)"},
        {"unenforced", "foreign key NOT VALID or with disabled triggers"},
        {"inferred", "reference without a foreign key (S003)"},
    };
    for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++)
        putf(h,
             "<li><svg width=\"40\" height=\"12\" aria-hidden=\"true\"><path class=\"edge %s\" d=\"M2 6H38\"/></svg>"
             "%s</li>\n",
             edges[i][0], edges[i][1]);
    put(h, "<li><span class=\"badge sev-error\">3</span>findings on the table, coloured by the worst; "
           "click a table for them</li>\n</ul>\n");
}

static void edge_title(Html *h, const Map *m, const MapEdge *e)
{
    const MapNode *from = &m->nodes.v[e->from], *to = &m->nodes.v[e->to];
    esc(h, from->qname);
    put(h, " (");
    esc(h, e->cols);
    put(h, ") \xe2\x86\x92 ");
    esc(h, to->qname);
    if (e->kind == EDGE_INFERRED) {
        put(h, ": no foreign key (S003)\n");
        esc(h, e->finding ? e->finding->message : "");
        return;
    }
    put(h, " (");
    esc(h, e->ref_cols);
    put(h, ")\n");
    esc(h, e->name);
    put(h, ", ON DELETE ");
    esc(h, e->on_delete);
    if (e->kind == EDGE_UNENFORCED)
        put(h, ", not enforced (NOT VALID or triggers disabled)");
}

static void node_svg(Html *h, int mi, int ni)
{
    const Map *m = &h->ms.maps.v[mi];
    const MapNode *n = &m->nodes.v[ni];
    int anchor = h->anchor[mi][ni];
    if (anchor >= 0)
        putf(h, "<a class=\"node %s\" data-node=\"%d\" href=\"#g%d\">", state_class(n->state), ni, anchor);
    else
        putf(h, "<g class=\"node %s\" data-node=\"%d\">", state_class(n->state), ni);
    put(h, "<title>");
    esc(h, n->qname);
    put(h, "\n");
    esc(h, map_state_text(n->state));
    if (n->scoped_via) {
        put(h, " (through ");
        esc(h, n->scoped_via);
        put(h, ")");
    }
    if (n->source && h->r->sources.n > 1 && !m->title) {
        put(h, "\nfrom ");
        esc(h, n->source);
    }
    put(h, "\n");
    put_counts(h, n->counts);
    put(h, "</title>");
    putf(h, "<rect class=\"box\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"6\"/>", n->x, n->y, n->w, n->h);
    putf(h, "<text class=\"name\" x=\"%d\" y=\"%d\">", n->x + 10, n->y + 18);
    esc(h, n->label);
    putf(h, "</text><text class=\"status\" x=\"%d\" y=\"%d\">", n->x + 10, n->y + 35);
    esc(h, map_node_status(&h->ms, n));
    put(h, "</text>");
    int worst = map_node_worst(n);
    if (worst >= 0) {
        int total = map_node_total(n), digits = total >= 100 ? 3 : total >= 10 ? 2 : 1;
        int bw = 10 + 7 * digits, bx = n->x + n->w - bw - 7, by = n->y + 6;
        putf(h,
             "<g class=\"badge %s\"><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\" rx=\"8\"/>"
             "<text x=\"%d\" y=\"%d\">%d</text></g>",
             sev_class[worst], bx, by, bw, bx + bw / 2, by + 12, total);
    }
    put(h, anchor >= 0 ? "</a>\n" : "</g>\n");
}

static void map_svg(Html *h, int mi)
{
    const Map *m = &h->ms.maps.v[mi];
    if (m->title) {
        put(h, "<h3>");
        esc(h, m->title);
        put(h, "</h3>\n");
    }
    if (!m->nodes.n) {
        put(h, "<p>No tables.</p>\n");
        return;
    }
    putf(h,
         "<div class=\"mapbox\">\n<svg class=\"map\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
         "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"integrity map: %d tables\">\n<defs>\n",
         m->width, m->height, m->width, m->height, m->nodes.n);
    static const char *const kinds[][2] = {{"fk", "#8a94a6"}, {"unenforced", "#dd6b20"}, {"inferred", "#c53030"}};
    for (int k = 0; k < 3; k++)
        putf(h,
             "<marker id=\"m%d-%s\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"9\" markerHeight=\"9\" "
             "markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path d=\"M0 0L10 5L0 10z\" fill=\"%s\"/></marker>\n",
             mi, kinds[k][0], kinds[k][1]);
    put(h, "</defs>\n<g class=\"edges\">\n");
    for (int e = 0; e < m->edges.n; e++) {
        const MapEdge *ed = &m->edges.v[e];
        const char *kind = kinds[ed->kind][0];
        /* Nearly every table references the tenants table: those keys are
         * drawn faint, so the others stand out. */
        putf(h,
             "<path class=\"edge %s%s\" data-from=\"%d\" data-to=\"%d\" d=\"%s\" marker-end=\"url(#m%d-%s)\">"
             "<title>",
             kind, m->nodes.v[ed->to].state == MAP_TENANTS ? " to-tenants" : "", ed->from, ed->to, ed->path, mi, kind);
        edge_title(h, m, ed);
        put(h, "</title></path>\n");
    }
    put(h, "</g>\n<g class=\"nodes\">\n");
    for (int n = 0; n < m->nodes.n; n++)
        node_svg(h, mi, n);
    put(h, "</g>\n</svg>\n</div>\n");
}

static void map_section(Html *h)
{
    put(h, "<section id=\"map\">\n<h2>Integrity map</h2>\n");
    if (!h->ms.maps.n) {
        put(h, "<p>No schema model to draw: no source could be read.</p>\n</section>\n");
        return;
    }
    legend(h);
    for (int i = 0; i < h->ms.maps.n; i++)
        map_svg(h, i);
    put(h, "</section>\n");
}

static void by_rule(Html *h)
{
    const Report *r = h->r;
    put(h, "<section id=\"by-rule\">\n<h2>Findings by rule</h2>\n");
    if (!r->findings.n)
        put(h, "<p>No findings.</p>\n");
    /* Rules whose worst finding is an error first, then warning, then
     * info (a configuration may change a rule's severity); by id within. */
    int count[RULE_COUNT] = {0}, worst[RULE_COUNT];
    for (int id = 0; id < RULE_COUNT; id++)
        worst[id] = -1;
    for (int i = 0; i < r->findings.n; i++) {
        const Finding *f = &r->findings.v[i];
        count[f->rule]++;
        if ((int)f->severity > worst[f->rule])
            worst[f->rule] = (int)f->severity;
    }
    for (int k = 0; k < 3 * RULE_COUNT; k++) {
        int id = k % RULE_COUNT, n = count[id], sev = SEV_ERROR - k / RULE_COUNT;
        if (!n || worst[id] != sev)
            continue;
        const RuleInfo *ri = &rule_table[id];
        putf(h, "<article class=\"rule\" id=\"rule-%s\">\n<h3><span class=\"sev %s\">%s</span> ", ri->id,
             sev_class[sev], severity_name((Severity)sev));
        put_doc_link(h, (RuleId)id, ri->id);
        put(h, " <span class=\"slug\">");
        esc(h, ri->slug);
        putf(h, "</span> <span class=\"badge %s\">%d</span></h3>\n<p>", sev_class[sev], n);
        esc(h, ri->summary);
        put(h, ".</p>\n<p class=\"why\">");
        esc(h, ri->why);
        put(h, " Documentation: ");
        put_doc_link(h, (RuleId)id, arena_printf(&h->a, "docs/rules/%s.md", ri->id));
        put(h, "</p>\n<ul>\n");
        for (int i = 0; i < r->findings.n; i++) {
            const Finding *f = &r->findings.v[i];
            if (f->rule != (RuleId)id)
                continue;
            putf(h, "<li><a class=\"loc\" href=\"#f%d\">", i);
            put_where(h, f);
            put(h, "</a> ");
            esc(h, f->message);
            put(h, "</li>\n");
        }
        put(h, "</ul>\n</article>\n");
    }
    put(h, "</section>\n");
}

static void finding_html(Html *h, int i)
{
    const Finding *f = &h->r->findings.v[i];
    const RuleInfo *ri = &rule_table[f->rule];
    putf(h, "<div class=\"finding %s\" id=\"f%d\">\n<p class=\"head\"><span class=\"sev %s\">%s</span> ",
         sev_class[f->severity], i, sev_class[f->severity], severity_name(f->severity));
    putf(h, "<a href=\"#rule-%s\">%s</a> <span class=\"slug\">", ri->id, ri->id);
    esc(h, ri->slug);
    put(h, "</span> <span class=\"loc\">");
    put_where(h, f);
    put(h, "</span>");
    if (f->file && f->object) {
        put(h, " <span class=\"loc\">");
        esc(h, f->object);
        put(h, "</span>");
    }
    put(h, " ");
    put_doc_link(h, f->rule, "rule documentation");
    put(h, "</p>\n<p class=\"msg\">");
    esc(h, f->message);
    put(h, "</p>\n");
    if (f->why) {
        put(h, "<p class=\"why\">");
        esc(h, f->why);
        put(h, "</p>\n");
    }
    if (f->count >= 0) {
        putf(h, "<p class=\"data\">%lld row%s%s", f->count, f->count == 1 ? "" : "s",
             f->estimated ? " (estimated from a sample)" : "");
        for (int k = 0; k < f->nsamples; k++) {
            put(h, k ? ", " : "; samples: <code>");
            esc(h, f->samples[k]);
        }
        put(h, f->nsamples ? "</code></p>\n" : "</p>\n");
    }
    if (f->fix) {
        put(h, "<pre class=\"fix\">");
        esc(h, f->fix);
        put(h, "</pre>\n");
    }
    put(h, "</div>\n");
}

static const char *group_name(const Finding *f)
{
    return f->group ? f->group : f->file ? f->file : f->object ? f->object : "(database)";
}

/* Findings grouped by what they are about, groups in the order of their
 * first finding (the report's order: source, location, rule). */
static void make_groups(Html *h)
{
    const Report *r = h->r;
    StrMap seen;
    strmap_init(&seen, &h->a);
    h->group_of = arena_alloc(&h->a, sizeof(int) * (size_t)(r->findings.n + 1));
    h->anchor = arena_alloc(&h->a, sizeof(int *) * (size_t)(h->ms.maps.n + 1));
    for (int i = 0; i < h->ms.maps.n; i++) {
        int n = h->ms.maps.v[i].nodes.n;
        h->anchor[i] = arena_alloc(&h->a, sizeof(int) * (size_t)(n + 1));
        for (int k = 0; k < n; k++)
            h->anchor[i][k] = -1;
    }
    for (int i = 0; i < r->findings.n; i++) {
        const Finding *f = &r->findings.v[i];
        const char *key = arena_printf(&h->a, "%s\x1f%s", f->database ? f->database : "", group_name(f));
        void *g = strmap_get(&seen, key);
        if (!g) {
            g = (void *)(intptr_t)++h->ngroups;
            strmap_put(&seen, key, g);
        }
        h->group_of[i] = (int)(intptr_t)g - 1;
        int mi = -1, n = map_node_of(&h->ms, r, f, &mi);
        if (n >= 0 && h->anchor[mi][n] < 0)
            h->anchor[mi][n] = h->group_of[i];
    }
}

static void by_object(Html *h)
{
    const Report *r = h->r;
    put(h, "<section id=\"by-object\">\n<h2>Findings by object</h2>\n");
    if (!r->findings.n)
        put(h, "<p>No findings.</p>\n");
    for (int g = 0; g < h->ngroups; g++) {
        int first = -1, c[3] = {0, 0, 0};
        for (int i = 0; i < r->findings.n; i++)
            if (h->group_of[i] == g) {
                if (first < 0)
                    first = i;
                c[r->findings.v[i].severity]++;
            }
        const Finding *f = &r->findings.v[first];
        putf(h, "<details class=\"group\" id=\"g%d\" open>\n<summary>", g);
        esc(h, group_name(f));
        if (r->sources.n > 1 && f->database) {
            put(h, " <span class=\"db\">(");
            esc(h, f->database);
            put(h, ")</span>");
        }
        put(h, " <span class=\"slug\">");
        put_counts(h, c);
        put(h, "</span></summary>\n");
        for (int i = first; i < r->findings.n; i++)
            if (h->group_of[i] == g)
                finding_html(h, i);
        put(h, "</details>\n");
    }
    put(h, "</section>\n");
}

int report_write_html(FILE *out, const Report *r)
{
    Html h = {0};
    h.out = out;
    h.r = r;
    arena_init(&h.a);
    map_build(&h.ms, r, r->config ? r->config : config_default());
    make_groups(&h);
    header(&h);
    summary(&h);
    map_section(&h);
    by_rule(&h);
    by_object(&h);
    put(&h, "<footer>dbaudit " DBAUDIT_VERSION
            " \xc2\xb7 rule documentation: <code>dbaudit explain ID</code> or docs/rules/ID.md</footer>\n");
    putf(&h, "<script>\n%s</script>\n</body>\n</html>\n", script);
    map_fini(&h.ms);
    arena_fini(&h.a);
    return ferror(out) ? -1 : 0;
}
