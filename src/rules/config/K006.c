/* K006 session-tenant-set: a per-connection setting whose name contains
 * "tenant": SQL in pool.afterCreate (SET app.current_tenant ..., SET
 * SESSION ..., set_config('app.tenant_id', ..., false)) or a connection
 * option ("-c app.tenant_id=...").  SET LOCAL and set_config(..., true)
 * last one transaction and are fine; a set_config whose third argument is
 * not a literal is left alone. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "core/strbuf.h"
#include "migrate/project.h"
#include "rules/rule.h"

static bool has_tenant(const char *s, size_t n)
{
    for (size_t i = 0; i + 6 <= n; i++)
        if (strncasecmp(s + i, "tenant", 6) == 0)
            return true;
    return false;
}

static bool word_at(const char *s, const char *w)
{
    size_t k = strlen(w);
    return strncasecmp(s, w, k) == 0 && !isalnum((unsigned char)s[k]) && s[k] != '_';
}

static const char *skip_space(const char *s)
{
    while (*s && isspace((unsigned char)*s))
        s++;
    return s;
}

static const char *setting_name_end(const char *s)
{
    while (*s && (isalnum((unsigned char)*s) || *s == '_' || *s == '.' || *s == '"'))
        s++;
    return s;
}

static const char *find_ci(const char *s, const char *needle)
{
    size_t k = strlen(needle);
    for (; *s; s++)
        if (strncasecmp(s, needle, k) == 0)
            return s;
    return NULL;
}

/* The name of the first session-level tenant setting in text, in the
 * arena, or NULL. */
static const char *session_tenant(Arena *a, const char *text)
{
    /* SET [SESSION] name ... at the start of a statement. */
    bool start = true;
    for (const char *p = text; *p; p++) {
        if (*p == ';') {
            start = true;
            continue;
        }
        if (isspace((unsigned char)*p))
            continue;
        if (start && word_at(p, "set")) {
            const char *q = skip_space(p + 3);
            if (!word_at(q, "local")) {
                if (word_at(q, "session"))
                    q = skip_space(q + 7);
                const char *e = setting_name_end(q);
                if (e > q && has_tenant(q, (size_t)(e - q)))
                    return arena_strndup(a, q, (size_t)(e - q));
            }
        }
        start = false;
    }
    /* set_config('name', value, false) */
    for (const char *p = text; (p = find_ci(p, "set_config")); p += 10) {
        const char *q = skip_space(p + 10);
        if (*q != '(')
            continue;
        q = skip_space(q + 1);
        if (*q != '\'')
            continue;
        const char *ns = q + 1, *ne = strchr(ns, '\'');
        if (!ne || !has_tenant(ns, (size_t)(ne - ns)))
            continue;
        /* The third argument: after the second top-level comma. */
        int depth = 0, commas = 0;
        bool quote = false;
        const char *third = NULL;
        for (const char *r = ne + 1; *r && !third; r++) {
            if (*r == '\'')
                quote = !quote;
            else if (quote)
                continue;
            else if (*r == '(')
                depth++;
            else if (*r == ')' && depth-- == 0)
                break;
            else if (*r == ',' && depth == 0 && ++commas == 2)
                third = skip_space(r + 1);
        }
        if (third && word_at(third, "false"))
            return arena_strndup(a, ns, (size_t)(ne - ns));
    }
    /* Connection options: "-c name=value" or "--name=value". */
    for (const char *p = text; *p; p++) {
        const char *q = NULL;
        if (p[0] == '-' && p[1] == 'c' && (p[2] == ' ' || isalpha((unsigned char)p[2])))
            q = skip_space(p + 2);
        else if (p[0] == '-' && p[1] == '-' && isalpha((unsigned char)p[2]))
            q = p + 2;
        if (!q)
            continue;
        const char *e = setting_name_end(q);
        if (*e == '=' && has_tenant(q, (size_t)(e - q)))
            return arena_strndup(a, q, (size_t)(e - q));
    }
    return NULL;
}

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Connection strings carry options URL-encoded: "-c%20app.tenant%3D1". */
static const char *url_decode(Arena *a, const char *s)
{
    StrBuf b = STRBUF_INIT;
    for (; *s; s++) {
        if (s[0] == '%' && hexval(s[1]) >= 0 && hexval(s[2]) >= 0) {
            sb_putc(&b, (char)(hexval(s[1]) * 16 + hexval(s[2])));
            s += 2;
        } else {
            sb_putc(&b, *s == '+' ? ' ' : *s);
        }
    }
    const char *r = arena_strdup(a, sb_str(&b));
    sb_fini(&b);
    return r;
}

typedef struct Hit {
    const KnexSql *sql;
    const char *name;
} Hit;

/* The SQL text of k at arg's origin that sets a tenant per session. */
static const Origin *sets_tenant_at(const KnexConfig *k, void *arg)
{
    const Origin *o = arg;
    for (int i = 0; i < k->hooks.n; i++)
        for (int j = 0; j < k->hooks.v[i].sql.n; j++) {
            const Origin *q = &k->hooks.v[i].sql.v[j].origin;
            if (strcmp(k->hooks.v[i].where, "pool") == 0 && q->line == o->line && q->col == o->col &&
                strcmp(q->file, o->file) == 0)
                return q;
        }
    for (int j = 0; j < k->connection_sql.n; j++) {
        const Origin *q = &k->connection_sql.v[j].origin;
        if (q->line == o->line && q->col == o->col && strcmp(q->file, o->file) == 0)
            return q;
    }
    return NULL;
}

static void report(RuleCtx *c, const Knexfile *kf, int i, const KnexSql *q, const char *name, bool option)
{
    const char *envs;
    const KnexConfig *k = &kf->configs.v[i];
    if (!knexfile_envs_at(c->a, kf, i, sets_tenant_at, (void *)&q->origin, &envs))
        return;
    Finding *fi = knexfile_finding(
        c->report, c->rule, c->project->name, &q->origin,
        arena_printf(c->a, "%s:%s", knexfile_env_name(k), name),
        "%s: %s sets %s for the whole session of every pooled connection: the next request that borrows the "
        "connection runs as that tenant",
        envs, option ? "a connection option" : "pool.afterCreate", name);
    fi->fix = arena_printf(c->a,
                           "// set the tenant per transaction: it ends with the transaction\n"
                           "await knex.transaction(async (trx) => {\n"
                           "  await trx.raw(\"SELECT set_config('%s', ?, true)\", [tenantId]);\n"
                           "  // ... the request's queries on trx\n"
                           "});",
                           name);
}

void rule_K006(RuleCtx *c)
{
    if (!c->project)
        return;
    for (int f = 0; f < c->project->knexfiles.n; f++) {
        const Knexfile *kf = c->project->knexfiles.v[f];
        for (int i = 0; i < kf->configs.n; i++) {
            const KnexConfig *k = &kf->configs.v[i];
            for (int h = 0; h < k->hooks.n; h++) {
                if (strcmp(k->hooks.v[h].where, "pool") != 0)
                    continue; /* never runs: K004 */
                for (int j = 0; j < k->hooks.v[h].sql.n; j++) {
                    const KnexSql *q = &k->hooks.v[h].sql.v[j];
                    const char *name = session_tenant(c->a, q->text);
                    if (name)
                        report(c, kf, i, q, name, false);
                }
            }
            for (int j = 0; j < k->connection_sql.n; j++) {
                const KnexSql *q = &k->connection_sql.v[j];
                const char *name = session_tenant(c->a, url_decode(c->a, q->text));
                if (name)
                    report(c, kf, i, q, name, true);
            }
        }
    }
}
