/* K005 after-create-done: pool.afterCreate(conn, done) must call done
 * exactly once on every path.  The analysis (src/source/knexfile.c) follows
 * if/else, returns, try/catch, awaited queries that may fail, query
 * callbacks and .then/.catch chains; a body it cannot follow (done handed
 * to another function, loops around it) gives no finding. */
#include <string.h>

#include "migrate/project.h"
#include "rules/rule.h"

static const char *const fix_hook =
    "pool: {\n"
    "  afterCreate(conn, done) {\n"
    "    conn.query('SET statement_timeout = 30000', (err) => {\n"
    "      done(err, conn); // exactly once, on success and on failure\n"
    "    });\n"
    "  },\n"
    "},";

static bool broken(const KnexHook *h)
{
    return strcmp(h->where, "pool") == 0 && h->readable &&
           (h->done == DONE_NO_PARAM || h->done == DONE_NEVER || h->done == DONE_SOME_PATHS || h->done == DONE_TWICE);
}

static const Origin *broken_at(const KnexConfig *k, void *arg)
{
    const Origin *o = arg;
    for (int i = 0; i < k->hooks.n; i++) {
        const KnexHook *h = &k->hooks.v[i];
        if (broken(h) && h->origin.line == o->line && h->origin.col == o->col && strcmp(h->origin.file, o->file) == 0)
            return &h->origin;
    }
    return NULL;
}

void rule_K005(RuleCtx *c)
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
                if (!broken(h) || !knexfile_envs_at(c->a, kf, i, broken_at, (void *)&h->origin, &envs))
                    continue;
                const char *key = arena_printf(c->a, "%s:pool.afterCreate", knexfile_env_name(k));
                const Origin *at = &h->origin;
                Finding *fi;
                switch (h->done) {
                case DONE_NO_PARAM:
                    fi = knexfile_finding(c->report, c->rule, c->project->name, at, key,
                                          "%s: pool.afterCreate takes no done callback: Knex waits for done(err, "
                                          "conn), which never comes, so no new connection is ever handed out",
                                          envs);
                    break;
                case DONE_NEVER:
                    fi = knexfile_finding(c->report, c->rule, c->project->name, at, key,
                                          "%s: pool.afterCreate never calls %s: no new connection is ever handed "
                                          "out or closed, and every request waiting for one times out",
                                          envs, h->done_name);
                    break;
                case DONE_SOME_PATHS:
                    fi = knexfile_finding(c->report, c->rule, c->project->name, at, key,
                                          "%s: pool.afterCreate does not call %s %s: that connection is never "
                                          "handed out or closed, and the request waiting for it times out",
                                          envs, h->done_name, h->path);
                    break;
                default:
                    at = &h->done_origin;
                    fi = knexfile_finding(c->report, c->rule, c->project->name, at, key,
                                          "%s: pool.afterCreate calls %s more than once %s: Knex keeps only the "
                                          "first call, so what the later one reports is lost",
                                          envs, h->done_name, h->path);
                }
                fi->fix = fix_hook;
            }
        }
    }
}
