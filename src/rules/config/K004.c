/* K004 after-create-outside-pool: an afterCreate key in the config object
 * or in its connection object.  Knex only calls pool.afterCreate, so the
 * hook never runs. */
#include <string.h>

#include "migrate/project.h"
#include "rules/rule.h"

/* The misplaced hook of k at the origin arg points to, if any. */
static const Origin *misplaced_at(const KnexConfig *k, void *arg)
{
    const Origin *o = arg;
    for (int i = 0; i < k->hooks.n; i++) {
        const KnexHook *h = &k->hooks.v[i];
        if (strcmp(h->where, "pool") != 0 && h->origin.line == o->line && h->origin.col == o->col &&
            strcmp(h->origin.file, o->file) == 0)
            return &h->origin;
    }
    return NULL;
}

void rule_K004(RuleCtx *c)
{
    if (!c->project)
        return;
    for (int f = 0; f < c->project->knexfiles.n; f++) {
        const Knexfile *kf = c->project->knexfiles.v[f];
        for (int i = 0; i < kf->configs.n; i++) {
            const KnexConfig *k = &kf->configs.v[i];
            for (int j = 0; j < k->hooks.n; j++) {
                const KnexHook *h = &k->hooks.v[j];
                const char *envs;
                if (strcmp(h->where, "pool") == 0 ||
                    !knexfile_envs_at(c->a, kf, i, misplaced_at, (void *)&h->origin, &envs))
                    continue;
                bool conn = strcmp(h->where, "connection") == 0;
                Finding *fi = knexfile_finding(
                    c->report, c->rule, c->project->name, &h->origin,
                    arena_printf(c->a, "%s:%s.afterCreate", knexfile_env_name(k), h->where),
                    "%s: afterCreate is placed in the %s object instead of in pool: Knex never calls it, so "
                    "whatever it sets on new connections is never set",
                    envs, conn ? "connection" : "config");
                fi->fix = arena_printf(c->a,
                                       "pool: {\n"
                                       "  // ... min, max, acquireTimeoutMillis\n"
                                       "  afterCreate(conn, done) { /* the same body */ },\n"
                                       "},\n"
                                       "// and remove afterCreate from the %s object",
                                       conn ? "connection" : "config");
            }
        }
    }
}
