/* S020 redundant-index: an index whose keys are the leading keys of another
 * valid index of the same table, with the same method, operator classes,
 * collations, sort order and WHERE clause, so the other one serves every
 * lookup it serves.  Never reported: unique indexes (unless an identical
 * unique index exists), indexes behind a constraint, indexes with INCLUDE
 * columns, and a plain index next to a partial one (the partial index only
 * serves queries that repeat its WHERE clause). */
#include "rules/rule.h"

#include <stdio.h>

/* Word n (space-separated) of s, into buf. */
static const char *word(const char *s, int n, char *buf, size_t len)
{
    buf[0] = '\0';
    for (int i = 0; s && *s; i++) {
        size_t w = strcspn(s, " ");
        if (i == n) {
            snprintf(buf, len, "%.*s", (int)w, s);
            return buf;
        }
        s += w;
        while (*s == ' ')
            s++;
    }
    return buf;
}

/* "indclass/indcollation/indoption": compare the first n entries of each. */
static bool same_classes(const char *a, const char *b, int n)
{
    if (!a || !b)
        return a == b;
    char pa[3][512], pb[3][512];
    if (sscanf(a, "%511[^/]/%511[^/]/%511[^/]", pa[0], pa[1], pa[2]) != 3 ||
        sscanf(b, "%511[^/]/%511[^/]/%511[^/]", pb[0], pb[1], pb[2]) != 3)
        return strcmp(a, b) == 0;
    for (int part = 0; part < 3; part++)
        for (int i = 0; i < n; i++) {
            char wa[64], wb[64];
            if (strcmp(word(pa[part], i, wa, sizeof wa), word(pb[part], i, wb, sizeof wb)) != 0)
                return false;
        }
    return true;
}

static bool same_text(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* True when b makes a redundant. */
static bool covered_by(const Index *a, const Index *b)
{
    if (a == b || !b->valid || a->nkeys > b->nkeys || strcmp(a->method, b->method) != 0 ||
        strcmp(a->method, "btree") != 0 || !same_text(a->predicate, b->predicate))
        return false;
    for (int i = 0; i < a->nkeys; i++)
        if (a->cols[i] != b->cols[i] || !same_text(a->exprs ? a->exprs[i] : NULL, b->exprs ? b->exprs[i] : NULL))
            return false;
    if (!same_classes(a->opclasses, b->opclasses, a->nkeys))
        return false;
    if (a->unique)
        return b->unique && a->nkeys == b->nkeys;
    return true;
}

void rule_S020(RuleCtx *c)
{
    for (int i = 0; i < c->s->tables.n; i++) {
        const Table *t = c->s->tables.v[i];
        for (int k = 0; k < t->indexes.n; k++) {
            const Index *a = &t->indexes.v[k];
            if (!rule_audited_index(t, a) || !a->valid || a->backs_constraint || a->primary || a->has_include ||
                a->replica_identity || a->nkeys == 0)
                continue;
            const Index *by = NULL;
            for (int j = 0; j < t->indexes.n && !by; j++) {
                const Index *b = &t->indexes.v[j];
                if (!covered_by(a, b))
                    continue;
                /* Of two identical indexes report one: the later name, unless
                 * the other cannot be dropped. */
                bool identical = a->nkeys == b->nkeys && a->unique == b->unique && !b->has_include;
                if (identical && !b->backs_constraint && strcmp(a->name, b->name) < 0)
                    continue;
                by = b;
            }
            if (!by)
                continue;
            Finding *f = rule_at_origin(c, t, &a->origin, a->cols[0], a->name,
                                        "index %s (%s) is redundant: %s (%s) %s", d_ident(c, a->name),
                                        index_keys_text(c, t, a), d_ident(c, by->name), index_keys_text(c, t, by),
                                        a->nkeys == by->nkeys ? "is the same index" : "starts with the same keys");
            rule_fix(c, f, "DROP INDEX %s%s.%s;", concurrently(t), q_ident(c, t->schema), q_ident(c, a->name));
        }
    }
}
