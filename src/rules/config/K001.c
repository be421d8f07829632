/* K001 pool-without-max: a knexfile config for a PostgreSQL server whose
 * pool is missing, has no max, or has a min larger than its max (both
 * literal).  Configs whose pool dbaudit cannot read (a function call, a
 * spread of an import) are skipped. */
#include <stdio.h>
#include <string.h>

#include "migrate/project.h"
#include "rules/rule.h"

static const char *const fix_pool =
    "pool: {\n"
    "  min: 0,\n"
    "  max: 10, // per process: keep max x instances x services under the server's max_connections\n"
    "  acquireTimeoutMillis: 30000,\n"
    "},";

static const Origin *no_pool(const KnexConfig *k, void *arg)
{
    (void)arg;
    return k->pool.state == KNEX_ABSENT && !k->open && knexfile_client_is_pg(k) ? &k->origin : NULL;
}

static const Origin *no_max(const KnexConfig *k, void *arg)
{
    (void)arg;
    return k->pool.state == KNEX_LITERAL && !k->pool_open && k->pool_max.state == KNEX_ABSENT &&
                   knexfile_client_is_pg(k)
               ? &k->pool.origin
               : NULL;
}

static const Origin *min_over_max(const KnexConfig *k, void *arg)
{
    (void)arg;
    return k->pool.state == KNEX_LITERAL && k->pool_min.state == KNEX_LITERAL && !k->pool_min.str &&
                   k->pool_max.state == KNEX_LITERAL && !k->pool_max.str && k->pool_min.num > k->pool_max.num &&
                   knexfile_client_is_pg(k)
               ? &k->pool_max.origin
               : NULL;
}

static const char *fix_for(RuleCtx *c, const KnexConfig *k, const char *envs)
{
    return k->env ? arena_printf(c->a, "// in the %s config\n%s", envs, fix_pool) : fix_pool;
}

void rule_K001(RuleCtx *c)
{
    if (!c->project)
        return;
    for (int f = 0; f < c->project->knexfiles.n; f++) {
        const Knexfile *kf = c->project->knexfiles.v[f];
        for (int i = 0; i < kf->configs.n; i++) {
            const KnexConfig *k = &kf->configs.v[i];
            const char *envs;
            const char *env = knexfile_env_name(k);
            if (no_pool(k, NULL) && knexfile_envs_at(c->a, kf, i, no_pool, NULL, &envs)) {
                Finding *fi = knexfile_finding(c->report, c->rule, c->project->name, &k->origin,
                                               arena_printf(c->a, "%s:pool", env),
                                               "%s: no pool settings, so Knex uses its default pool {min: 2, max: "
                                               "10}: up to 10 connections per process, whatever the server allows",
                                               envs);
                fi->fix = fix_for(c, k, envs);
            }
            if (no_max(k, NULL) && knexfile_envs_at(c->a, kf, i, no_max, NULL, &envs)) {
                Finding *fi = knexfile_finding(c->report, c->rule, c->project->name, &k->pool.origin,
                                               arena_printf(c->a, "%s:pool.max", env),
                                               "%s: pool has no max (Knex defaults to 10 per process)", envs);
                fi->fix = fix_for(c, k, envs);
            }
            if (min_over_max(k, NULL) && knexfile_envs_at(c->a, kf, i, min_over_max, NULL, &envs)) {
                Finding *fi = knexfile_finding(
                    c->report, c->rule, c->project->name, &k->pool_max.origin,
                    arena_printf(c->a, "%s:pool.min", env),
                    "%s: pool min (%g) is larger than its max (%g): the pool cannot satisfy both and Knex's pool "
                    "(tarn) rejects the configuration",
                    envs, k->pool_min.num, k->pool_max.num);
                fi->fix = arena_printf(c->a, "pool: {\n  min: 0,\n  max: %g,\n  acquireTimeoutMillis: 30000,\n},",
                                       k->pool_max.num);
            }
        }
    }
}
