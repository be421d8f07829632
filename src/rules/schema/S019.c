/* S019 current-setting-not-missing-ok: a policy reads a setting with
 * current_setting('name') and no missing_ok argument.  On a connection
 * where the tenant middleware never set it, every query on the table fails
 * with "unrecognized configuration parameter" instead of returning no rows.
 * (Once set on a pooled connection, a setting keeps a previous request's
 * value: set it with set_config(..., true) inside each transaction.)  The
 * fix rewrites each one-argument call to pass missing_ok => true. */
#include <strings.h>

#include "core/strbuf.h"
#include "rules/rls.h"

static bool one_arg_call(const SqlExpr *e, void *arg)
{
    bool *found = arg;
    if (e->kind == SX_FUNC && strcasecmp(e->name, "current_setting") == 0 && e->nargs == 1) {
        *found = true;
        return false;
    }
    return true;
}

static bool uses_one_arg(const SqlExpr *e)
{
    bool found = false;
    sql_expr_walk(e, one_arg_call, &found);
    return found;
}

/* Text of expr with ", true" added to each one-argument current_setting(). */
static const char *with_missing_ok(RuleCtx *c, const char *expr)
{
    StrBuf b = STRBUF_INIT;
    const char *p = expr;
    const char *fn = "current_setting(";
    size_t fl = strlen(fn);
    while (*p) {
        if (strncasecmp(p, fn, fl) != 0) {
            if (*p == '\'') { /* copy string literals whole */
                const char *q = p + 1;
                while (*q && !(*q == '\'' && q[1] != '\''))
                    q += (*q == '\'' ? 2 : 1);
                if (*q)
                    q++;
                sb_putn(&b, p, (size_t)(q - p));
                p = q;
                continue;
            }
            sb_putc(&b, *p++);
            continue;
        }
        sb_putn(&b, p, fl);
        p += fl;
        int depth = 0;
        bool comma = false, quote = false;
        const char *q = p;
        for (; *q; q++) {
            if (quote) {
                if (*q == '\'' && q[1] == '\'')
                    q++;
                else if (*q == '\'')
                    quote = false;
            } else if (*q == '\'')
                quote = true;
            else if (*q == '(')
                depth++;
            else if (*q == ')' && depth-- == 0)
                break;
            else if (*q == ',' && depth == 0)
                comma = true;
        }
        sb_putn(&b, p, (size_t)(q - p));
        if (!comma && *q == ')')
            sb_puts(&b, ", true");
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
                                       "policy %s on %s calls current_setting() without missing_ok: queries fail "
                                       "on connections where the setting was never set",
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
