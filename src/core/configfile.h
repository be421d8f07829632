/* configfile.h - a configuration file read into a tree of plain values.
 *
 * The only code that includes libyaml.  YAML is a superset of JSON, so a
 * JSON file reads the same way.  Every value keeps its line and column, so
 * config.c can say exactly where a key is wrong; aliases are resolved into
 * copies of what they name; tags are ignored: values are text and config.c
 * decides what they mean.
 */
#ifndef DBAUDIT_CONFIGFILE_H
#define DBAUDIT_CONFIGFILE_H

#include <stdbool.h>

#include "core/arena.h"

typedef enum ConfigNodeKind { CONFIG_SCALAR, CONFIG_LIST, CONFIG_MAP } ConfigNodeKind;

typedef struct ConfigNode ConfigNode;
struct ConfigNode {
    ConfigNodeKind kind;
    int line, col;        /* 1-based, where the value starts */
    const char *text;     /* scalar: the value as text */
    bool plain;           /* scalar: written without quotes ("", "~" and "null" then mean no value) */
    ConfigNode **keys;    /* map: the keys (scalars, as written) */
    ConfigNode **items;   /* list: the items; map: the value of each key */
    int n;
};

/* Reads the file at path (1 MiB at most) into a (everything it returns
 * lives there).  A file with no document gives an empty map.  Returns NULL
 * with *err set (in a) when the file cannot be read, is not well-formed
 * YAML ("path:line: what the parser found"), holds more than one document,
 * or, aliases expanded, holds more than 100,000 values or nests deeper
 * than 64 levels. */
ConfigNode *configfile_read(Arena *a, const char *path, const char **err);

/* True when the scalar is a null: empty, ~ or null, unquoted. */
bool configfile_is_null(const ConfigNode *n);

#endif
