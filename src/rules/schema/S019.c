/* S019 current-setting-not-missing-ok: a policy reads a setting with
 * current_setting('name') and no missing_ok argument.  On a connection
 * where the tenant middleware never set it, every query on the table fails
 * with "unrecognized configuration parameter" instead of returning no rows.
 * (Once set on a pooled connection, a setting keeps a previous request's
 * value: set it with set_config(..., true) inside each transaction.)  The
 * fix rewrites each one-argument call to pass missing_ok => true. */
#include <ctype.h>
#include <strings.h>

#include "core/strbuf.h"
#include "rules/rls.h"

/* current_setting(name) or current_setting(name, false). */
static bool strict_call(const SqlExpr *e, void *arg)
{
    bool *found = arg;
    if (e->kind != SX_FUNC || strcasecmp(e->name, "current_setting") != 0)
        return true;
    const SqlExpr *ok = e->nargs == 2 ? sql_expr_strip_casts(e->args[1]) : NULL;
    if (e->nargs == 1 || (ok && ok->kind == SX_CONST && ok->const_type == 'b' && strcmp(ok->name, "false") == 0)) {
        *found = true;
        return false;
    }
    return true;
}

static bool uses_one_arg(const SqlExpr *e)
{
    bool found = false;
    sql_expr_walk_deep(e, strict_call, &found);
    return found;
}

/* Length of a quoted token starting at p ('...' or "..."; doubled quotes
 * inside), so that a quote inside an identifier is not taken for a string. */
static size_t quoted_len(const char *p)
{
    char q = *p;
    const char *r = p + 1;
    while (*r && !(*r == q && r[1] != q))
        r += (*r == q ? 2 : 1);
    return (size_t)(r - p) + (*r ? 1 : 0);
}

/* Text of expr with missing_ok => true in each current_setting() call:
 * ", true" added to one-argument calls, a literal false replaced. */
static const char *with_missing_ok(RuleCtx *c, const char *expr)
{
    StrBuf b = STRBUF_INIT;
    const char *p = expr;
    const char *fn = "current_setting(";
    size_t fl = strlen(fn);
    while (*p) {
        if (strncasecmp(p, fn, fl) != 0 || (p > expr && (isalnum((unsigned char)p[-1]) || p[-1] == '_'))) {
            if (*p == '\'' || *p == '"') { /* copy literals and quoted names whole */
                size_t n = quoted_len(p);
                sb_putn(&b, p, n);
                p += n;
                continue;
            }
            sb_putc(&b, *p++);
            continue;
        }
        sb_putn(&b, p, fl);
        p += fl;
        int depth = 0;
        const char *comma = NULL, *q = p;
        while (*q) {
            if (*q == '\'' || *q == '"') {
                q += quoted_len(q);
                continue;
            }
            if (*q == '(')
                depth++;
            else if (*q == ')' && depth-- == 0)
                break;
            else if (*q == ',' && depth == 0)
                comma = q;
            q++;
        }
        if (!comma) {
            sb_putn(&b, p, (size_t)(q - p));
            if (*q == ')')
                sb_puts(&b, ", true");
        } else {
            /* second argument: keep it unless it is a literal false */
            const char *a2 = comma + 1;
            while (*a2 == ' ')
                a2++;
            size_t n2 = (size_t)(q - a2);
            while (n2 && a2[n2 - 1] == ' ')
                n2--;
            if (n2 == 5 && strncasecmp(a2, "false", 5) == 0) {
                sb_putn(&b, p, (size_t)(comma - p));
                sb_puts(&b, ", true");
            } else
                sb_putn(&b, p, (size_t)(q - p));
        }
        p = q;
    }
    const char *s = arena_strdup(c->a, sb_str(&b));
    sb_fini(&b);
    return s;
}

void rule_S019(RuleCtx *c)
{
    for (int i = 0; i < c->s->tables.n; i++) {
        const Table *t = c->s->tables.v[i];
        if (!rule_audited_table(t))
            continue;
        for (int k = 0; k < t->policies.n; k++) {
            const Policy *p = &t->policies.v[k];
            bool u = uses_one_arg(p->using_tree), w = uses_one_arg(p->check_tree);
            if (!u && !w)
                continue;
            Finding *f = rule_at_table(c, t, arena_printf(c->a, "policy:%s", p->name),
                                       "policy %s on %s calls current_setting() without missing_ok (or with "
                                       "false): queries fail on connections where the setting was never set",
                                       d_ident(c, p->name), d_table(c, t));
            StrBuf b = STRBUF_INIT;
            sb_printf(&b, "ALTER POLICY %s ON %s", q_ident(c, p->name), q_table(c, t));
            if (u)
                sb_printf(&b, " USING (%s)", with_missing_ok(c, p->using_expr));
            if (w)
                sb_printf(&b, " WITH CHECK (%s)", with_missing_ok(c, p->check_expr));
            sb_putc(&b, ';');
            rule_fix(c, f, "%s", sb_str(&b));
            sb_fini(&b);
        }
    }
}
