/* suppress.h - dbaudit-ignore comments in scanned files.
 *
 *   // dbaudit-ignore-next-line M001, S003 -- the parent is archived, never deleted
 *   // dbaudit-ignore-file K002 -- pool settings come from the platform's defaults
 *   -- dbaudit-ignore S012 -- (SQL; on a line of its own: the next line)
 *   table.integer('legacy_id'); // dbaudit-ignore S003 -- (after code: this line)
 *
 * Rules are named by id or slug, separated by commas or spaces; the text
 * after " -- " is the reason.  A suppression that matches no finding of a
 * rule that ran is itself reported (A004), so stale ones do not pile up.
 */
#ifndef DBAUDIT_SUPPRESS_H
#define DBAUDIT_SUPPRESS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/report.h"

typedef struct Suppression {
    const char *file;
    int line;           /* the line it covers; 0: the whole file */
    int at_line, at_col; /* where the comment is */
    bool rule[RULE_COUNT];
    const char *text;   /* the directive as written, for messages */
    const char *database; /* the project it belongs to */
    bool used;
} Suppression;

typedef struct SuppressList {
    VEC(Suppression) v;
} SuppressList;

/* Finds the directives in a file's text (line comments // and --, and block
 * comments).  Unknown rule names become A003 findings in r. */
void suppress_scan(SuppressList *l, Arena *a, const char *path, const char *text, size_t len, Report *r,
                   const char *database);

/* Removes the findings the list covers from r, then reports every
 * suppression that covered nothing for a rule that ran (off: rules switched
 * off for this run, may be NULL). */
void suppress_apply(SuppressList *l, Report *r, const bool *off);

#endif
