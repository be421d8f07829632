/* K002 no-acquire-timeout: a knexfile config for a PostgreSQL server whose
 * pool object has no acquireTimeoutMillis, and which has no config-level
 * acquireConnectionTimeout either (Knex uses the smaller of the two).  A
 * config without any pool is K001's finding (its fix sets both); an
 * unreadable pool is skipped. */
#include <string.h>

#include "migrate/project.h"
#include "rules/rule.h"

static const Origin *no_timeout(const KnexConfig *k, void *arg)
{
    (void)arg;
    return k->pool.state == KNEX_LITERAL && !k->pool_open && k->acquire_timeout.state == KNEX_ABSENT &&
                   k->acquire_connection_timeout.state == KNEX_ABSENT && knexfile_client_is_pg(k)
               ? &k->pool.origin
               : NULL;
}

void rule_K002(RuleCtx *c)
{
    if (!c->project)
        return;
    for (int f = 0; f < c->project->knexfiles.n; f++) {
        const Knexfile *kf = c->project->knexfiles.v[f];
        for (int i = 0; i < kf->configs.n; i++) {
            const KnexConfig *k = &kf->configs.v[i];
            const char *envs;
            if (!no_timeout(k, NULL) || !knexfile_envs_at(c->a, kf, i, no_timeout, NULL, &envs))
                continue;
            Finding *fi = knexfile_finding(c->report, c->rule, c->project->name, &k->pool.origin,
                                           arena_printf(c->a, "%s:pool.acquireTimeoutMillis", knexfile_env_name(k)),
                                           "%s: pool has no acquireTimeoutMillis (Knex waits up to 60000 ms for a "
                                           "free connection before failing)",
                                           envs);
            fi->fix = arena_printf(c->a,
                                   "pool: {\n"
                                   "  // ... min and max as before\n"
                                   "  acquireTimeoutMillis: 10000, // fail fast when the pool is exhausted\n"
                                   "},");
        }
    }
}
