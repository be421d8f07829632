/* ts.h - the wall around tree-sitter.
 *
 * Only src/source/ and the files that walk JavaScript/TypeScript syntax
 * (src/migrate/, src/code/) include <tree_sitter/api.h>.  This file parses a source text
 * with the grammar its file name asks for (JavaScript, TypeScript, TSX) and
 * offers the few node helpers those walkers share: field and child access,
 * node text, string literal values, and 1-based positions.
 *
 * The grammars are the pinned npm packages in third_party/grammars, compiled
 * into dbaudit; the runtime is Debian's libtree-sitter.
 */
#ifndef DBAUDIT_TS_H
#define DBAUDIT_TS_H

#include <stdbool.h>
#include <stddef.h>
#include <tree_sitter/api.h>

#include "core/arena.h"

typedef enum TsLang { TS_LANG_JAVASCRIPT, TS_LANG_TYPESCRIPT, TS_LANG_TSX } TsLang;

/* The grammar for a file name: .ts/.mts/.cts TypeScript, .tsx TSX,
 * everything else (.js .cjs .mjs .jsx) JavaScript.  TypeScript files may
 * hold JSX-free code only, as in tsc. */
TsLang ts_lang_for_path(const char *path);

typedef struct TsDoc {
    const char *path;
    const char *src; /* not owned */
    size_t len;
    TSTree *tree;
    TSNode root;
} TsDoc;

/* Parses src (len bytes; it must outlive the document).  Returns false with
 * *err set (static text) when tree-sitter could not produce a tree (grammar
 * refused by the runtime, or the time limit was hit).  A tree with syntax
 * errors is still returned: see ts_first_error(). */
bool ts_parse(TsDoc *d, TsLang lang, const char *path, const char *src, size_t len, const char **err);
void ts_doc_free(TsDoc *d);
/* Frees this thread's child-list cache: call it before a thread that
 * parsed documents ends. */
void ts_thread_release(void);

/* The first ERROR or MISSING node in document order, or a null node. */
TSNode ts_first_error(TSNode root);

static inline bool ts_is(TSNode n, const char *type)
{
    return !ts_node_is_null(n) && __builtin_strcmp(ts_node_type(n), type) == 0;
}
TSNode ts_field(TSNode n, const char *field);
/* Named children, skipping comments. */
unsigned ts_nchildren(TSNode n);
TSNode ts_child(TSNode n, unsigned i);

/* The node's source text, in the arena. */
char *ts_text(Arena *a, const TsDoc *d, TSNode n);
/* True when the node's text is exactly s. */
bool ts_text_is(const TsDoc *d, TSNode n, const char *s);
/* The value of a string literal, or of a template literal without
 * substitutions (escapes decoded), in the arena; NULL for anything else. */
char *ts_string_value(Arena *a, const TsDoc *d, TSNode n);
/* The value of a number literal; false for anything else. */
bool ts_number_value(const TsDoc *d, TSNode n, double *out);

/* 1-based line and column (columns count characters, not bytes). */
void ts_position(const TsDoc *d, TSNode n, int *line, int *col);
/* The same for a byte offset into the source. */
void ts_offset_position(const TsDoc *d, size_t offset, int *line, int *col);

/* Strips parentheses, `as` / `satisfies` / non-null (!) wrappers and
 * `await`, which do not change which value an expression denotes. */
TSNode ts_unwrap(TSNode n);

#endif
