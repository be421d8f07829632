/* configfile.c - libyaml's document tree turned into ConfigNodes; see
 * configfile.h.
 *
 * libyaml builds the whole document (a configuration file is small), then
 * this file copies it into the caller's arena and hands the document back,
 * so no libyaml type escapes.  An alias points at a node of the document:
 * the copy follows it (an anchor can name a collection that contains its
 * own alias, hence the depth limit, and aliases of aliases multiply, hence
 * the limit on values copied).
 */
#include "core/configfile.h"

#include <string.h>
#include <yaml.h>

#include "core/file.h"

enum { MAX_BYTES = 1 << 20, MAX_DEPTH = 64, MAX_VALUES = 100000 };

static ConfigNode *copy(Arena *a, yaml_document_t *doc, yaml_node_t *y, int depth, int *budget)
{
    if (!y || depth > MAX_DEPTH || --*budget < 0)
        return NULL;
    ConfigNode *n = arena_alloc(a, sizeof *n);
    n->line = (int)y->start_mark.line + 1;
    n->col = (int)y->start_mark.column + 1;
    switch (y->type) {
    case YAML_SCALAR_NODE:
        n->kind = CONFIG_SCALAR;
        n->text = arena_strndup(a, (const char *)y->data.scalar.value, y->data.scalar.length);
        n->plain = y->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        return n;
    case YAML_SEQUENCE_NODE: {
        n->kind = CONFIG_LIST;
        yaml_node_item_t *it = y->data.sequence.items.start;
        n->n = (int)(y->data.sequence.items.top - it);
        n->items = arena_alloc(a, sizeof *n->items * (size_t)(n->n + 1));
        for (int i = 0; i < n->n; i++)
            if (!(n->items[i] = copy(a, doc, yaml_document_get_node(doc, it[i]), depth + 1, budget)))
                return NULL;
        return n;
    }
    case YAML_MAPPING_NODE: {
        n->kind = CONFIG_MAP;
        yaml_node_pair_t *p = y->data.mapping.pairs.start;
        n->n = (int)(y->data.mapping.pairs.top - p);
        n->keys = arena_alloc(a, sizeof *n->keys * (size_t)(n->n + 1));
        n->items = arena_alloc(a, sizeof *n->items * (size_t)(n->n + 1));
        for (int i = 0; i < n->n; i++) {
            n->keys[i] = copy(a, doc, yaml_document_get_node(doc, p[i].key), depth + 1, budget);
            n->items[i] = copy(a, doc, yaml_document_get_node(doc, p[i].value), depth + 1, budget);
            if (!n->keys[i] || !n->items[i])
                return NULL;
        }
        return n;
    }
    default: return NULL;
    }
}

static const char *parse_error(Arena *a, const char *path, const yaml_parser_t *p)
{
    const yaml_mark_t *m = p->problem ? &p->problem_mark : &p->context_mark;
    const char *what = p->problem ? p->problem : "malformed YAML";
    if (p->context)
        return arena_printf(a, "%s:%zu: %s %s", path, m->line + 1, what, p->context);
    return arena_printf(a, "%s:%zu: %s", path, m->line + 1, what);
}

ConfigNode *configfile_read(Arena *a, const char *path, const char **err)
{
    size_t len;
    const char *why = NULL;
    char *text = file_read_all(a, path, MAX_BYTES, &len, &why);
    if (!text) {
        *err = arena_printf(a, "cannot read %s: %s", path, why);
        return NULL;
    }
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
        die_oom();
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    yaml_document_t doc;
    ConfigNode *root = NULL;
    if (!yaml_parser_load(&parser, &doc)) {
        *err = parse_error(a, path, &parser);
        yaml_parser_delete(&parser);
        return NULL;
    }
    yaml_node_t *top = yaml_document_get_root_node(&doc);
    if (!top) {
        root = arena_alloc(a, sizeof *root); /* no document at all: an empty map */
        root->kind = CONFIG_MAP;
        root->line = root->col = 1;
    } else {
        int budget = MAX_VALUES;
        if (!(root = copy(a, &doc, top, 0, &budget)))
            *err = arena_printf(a, "%s: more than %d values, or nested more than %d levels deep, once aliases are "
                                   "expanded", path, MAX_VALUES, MAX_DEPTH);
    }
    int first_line = top ? (int)top->start_mark.line + 1 : 1;
    yaml_document_delete(&doc);
    if (root && top) {
        yaml_document_t next;
        if (!yaml_parser_load(&parser, &next)) {
            *err = parse_error(a, path, &parser);
            root = NULL;
        } else {
            yaml_node_t *second = yaml_document_get_root_node(&next);
            if (second) {
                *err = arena_printf(a, "%s:%zu: a second document ('---'); the configuration is the document at line %d",
                                    path, second->start_mark.line + 1, first_line);
                root = NULL;
            }
            yaml_document_delete(&next);
        }
    }
    yaml_parser_delete(&parser);
    return root;
}

bool configfile_is_null(const ConfigNode *n)
{
    return n->kind == CONFIG_SCALAR && n->plain &&
           (!*n->text || strcmp(n->text, "~") == 0 || strcmp(n->text, "null") == 0 || strcmp(n->text, "Null") == 0 ||
            strcmp(n->text, "NULL") == 0);
}
