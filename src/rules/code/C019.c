/* C019 transaction-options-order: knex.transaction(config, handler) -
 * the order of another library.  Knex takes the handler first and the
 * config second; given an object first and a function second, Knex 3
 * treats the object as the handler and the function as the config: it
 * sends BEGIN with no isolation level, calls the object, fails with
 * "container is not a function", rolls back, and the handler never runs.
 * Also an isolationLevel Knex refuses at run time: it accepts exactly
 * 'read uncommitted', 'read committed', 'snapshot', 'repeatable read' and
 * 'serializable' (lower case); PostgreSQL then refuses 'snapshot', which
 * it calls 'repeatable read'. */
#include <ctype.h>
#include <string.h>

#include "rules/code/common.h"

static const char *const levels[] = {"read uncommitted", "read committed", "snapshot", "repeatable read",
                                     "serializable", NULL};

void rule_C019(RuleCtx *c)
{
    CodeIter it = code_iter(c);
    while (code_next(&it)) {
        const CodeUnit *u = it.u;
        for (int i = 0; i < u->txns.n; i++) {
            const CodeTxn *t = &u->txns.v[i];
            if (t->kind == TXN_PARAM || t->kind == TXN_WRAPPER)
                continue;
            if (t->config_first) {
                Finding *f = code_finding(
                    c, u, t->at, "config-first",
                    "%s.transaction(config, handler) has its arguments the wrong way round: Knex takes the handler "
                    "first, so it calls the config object, fails with \"container is not a function\", rolls back "
                    "and never runs the handler%s",
                    t->outer, t->isolation ? arena_printf(c->a, " (and no %s isolation was ever asked for)", t->isolation)
                                           : "");
                rule_fix(c, f, "await %s.transaction(async (trx) => {\n  // ...\n}, { isolationLevel: '%s' });",
                         t->outer, t->isolation ? t->isolation : "serializable");
            }
            if (t->isolation && !t->isolation_dynamic) {
                bool ok = false;
                for (int k = 0; levels[k] && !ok; k++)
                    ok = strcmp(t->isolation, levels[k]) == 0;
                if (ok && strcmp(t->isolation, "snapshot") == 0) {
                    /* Knex passes it on; PostgreSQL has no such level */
                    Finding *f = code_finding(c, u, t->at, "isolation:snapshot",
                                              "isolationLevel 'snapshot' passes Knex's check but PostgreSQL has no such "
                                              "level: BEGIN fails with a syntax error (PostgreSQL's snapshot "
                                              "isolation is 'repeatable read')");
                    rule_fix(c, f, "{ isolationLevel: 'repeatable read' }");
                    continue;
                }
                if (ok)
                    continue;
                char low[64];
                size_t n = 0;
                for (; t->isolation[n] && n + 1 < sizeof low; n++) {
                    unsigned char ch = (unsigned char)t->isolation[n];
                    low[n] = ch == '_' ? ' ' : (char)tolower(ch);
                }
                low[n] = 0;
                const char *fix = "serializable";
                for (int k = 0; levels[k]; k++)
                    if (strcmp(low, levels[k]) == 0)
                        fix = levels[k];
                Finding *f = code_finding(c, u, t->at, arena_printf(c->a, "isolation:%s", t->isolation),
                                          "isolationLevel '%s' is not one Knex accepts: the transaction fails with "
                                          "\"Invalid isolationLevel\" before it starts (Knex accepts 'read "
                                          "uncommitted', 'read committed', 'snapshot', 'repeatable read', "
                                          "'serializable')",
                                          t->isolation);
                rule_fix(c, f, "{ isolationLevel: '%s' }", fix);
            }
        }
    }
}
