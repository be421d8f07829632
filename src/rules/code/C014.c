/* C014 session-tenant-setting: the tenant is set for the whole session of a
 * pooled connection: SET app.current_tenant_id = ... (not SET LOCAL), or
 * set_config(..., false).  The setting outlives the request: the next
 * request that borrows the connection runs as that tenant, and row level
 * security lets it see the wrong rows (guide 1.7; the guide's own
 * middleware does this).  Inside a transaction it is no better: a
 * session-level setting survives the commit.  SET LOCAL and
 * set_config(..., true) inside a transaction end with it. */
#define _GNU_SOURCE /* strcasestr */
#include <ctype.h>
#include <string.h>

#include "rules/code/common.h"

/* The setting a session-level SET or set_config(..., false) assigns, or NULL. */
static const char *session_setting(RuleCtx *c, const char *sql)
{
    const char *p = sql;
    while (isspace((unsigned char)*p))
        p++;
    if (strncasecmp(p, "set", 3) == 0 && isspace((unsigned char)p[3])) {
        p += 3;
        while (isspace((unsigned char)*p))
            p++;
        if (strncasecmp(p, "local", 5) == 0 || strncasecmp(p, "transaction", 11) == 0 ||
            strncasecmp(p, "session characteristics", 23) == 0)
            return NULL;
        if (strncasecmp(p, "session", 7) == 0 && isspace((unsigned char)p[7]))
            for (p += 7; isspace((unsigned char)*p);)
                p++;
        size_t n = strcspn(p, " \t\n=");
        const char *name = arena_strndup(c->a, p, n);
        return strchr(name, '.') ? name : NULL; /* app.x: custom settings, not search_path or timeouts */
    }
    const char *s = strcasestr(sql, "set_config(");
    if (!s)
        return NULL;
    const char *close = strchr(s, ')');
    if (!close)
        return NULL;
    const char *last = close;
    while (last > s && *last != ',')
        last--;
    const char *v = last + 1;
    while (isspace((unsigned char)*v))
        v++;
    if (strncasecmp(v, "false", 5) != 0)
        return NULL;
    const char *q1 = strchr(s, '\'');
    const char *q2 = q1 ? strchr(q1 + 1, '\'') : NULL;
    return q1 && q2 && q2 < close ? arena_strndup(c->a, q1 + 1, (size_t)(q2 - q1 - 1)) : "a setting";
}

void rule_C014(RuleCtx *c)
{
    QueryIter it = code_queries(c);
    while (code_next_query(&it)) {
        const CodeUnit *u = it.u;
        const CodeQuery *q = it.q;
        if (q->op != QOP_RAW || !q->sql)
            continue;
        const char *name = session_setting(c, q->sql);
        if (!name)
            continue;
        Finding *f = code_finding(
            c, u, q->at, arena_printf(c->a, "%s:session-set", name),
            "%s sets %s for the whole session of a pooled connection%s: the next request that borrows the "
            "connection runs with this value",
            code_query_text(c, q), name,
            q->txn >= 0 ? " (inside a transaction too: a session setting survives the commit)" : "");
        rule_fix(c, f,
                 "await knex.transaction(async (trx) => {\n"
                 "  await trx.raw(\"SELECT set_config('%s', ?, true)\", [value]); // ends with the transaction\n"
                 "  // ... the request's queries on trx\n"
                 "});",
                 strcmp(name, "a setting") == 0 ? "app.current_tenant_id" : name);
    }
}
