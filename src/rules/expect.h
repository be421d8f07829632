/* expect.h - the unique keys a table is expected to have (guide 2.7):
 * shared by S010, which reports the missing ones, and D005, which counts
 * the duplicates they would refuse. */
#ifndef DBAUDIT_EXPECT_H
#define DBAUDIT_EXPECT_H

#include "rules/rule.h"

enum { EXPECT_MAX_COLS = 9, EXPECT_MAX = 5 };

typedef struct UniqueExpect {
    const char *label; /* "email", "seat"...: for messages and fingerprints */
    int cols[EXPECT_MAX_COLS], n; /* the key, tenant column first when it scopes it */
    int principal;                /* the column findings point at */
} UniqueExpect;

/* The expected unique keys of t that no valid unique index provides; fills
 * out (at most EXPECT_MAX) and returns how many. */
int missing_unique_keys(RuleCtx *c, const Table *t, UniqueExpect *out);

#endif
