/* K003 no-statement-timeout: a knexfile config for a PostgreSQL server
 * that sets statement_timeout nowhere dbaudit can see: not in the SQL of
 * pool.afterCreate, not as a connection option (statement_timeout key,
 * options "-c statement_timeout=...", ?options= in a connection string).
 * When a source cannot be read (an afterCreate imported from elsewhere, a
 * connection built by a function) the config is skipped.  One finding per
 * config, at its pool key, or at the config object when it has no pool. */
#include <string.h>

#include "migrate/project.h"
#include "rules/rule.h"

static const Origin *no_timeout(const KnexConfig *k, void *arg)
{
    (void)arg;
    return k->statement_timeout.state == KNEX_ABSENT && knexfile_client_is_pg(k) ? &k->statement_timeout.origin
                                                                                 : NULL;
}

void rule_K003(RuleCtx *c)
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
            Finding *fi = knexfile_finding(
                c->report, c->rule, c->project->name, &k->statement_timeout.origin,
                arena_printf(c->a, "%s:statement_timeout", knexfile_env_name(k)),
                "%s: no statement_timeout is set on its connections (in pool.afterCreate or the connection "
                "options), so a runaway query runs and holds its locks for as long as it likes",
                envs);
            fi->fix = arena_printf(c->a,
                                   "pool: {\n"
                                   "  // ... min, max, acquireTimeoutMillis as before\n"
                                   "  afterCreate(conn, done) {\n"
                                   "    conn.query('SET statement_timeout = 30000', (err) => done(err, conn));\n"
                                   "  },\n"
                                   "},\n"
                                   "// or, with the pg client: connection: { ..., statement_timeout: 30000 }");
        }
    }
}
