/* C013 sql-interpolation: SQL text built from run-time values by template
 * interpolation or concatenation, passed to a raw entry point (raw,
 * whereRaw, orderByRaw, joinRaw, ...).  A value that reaches it from a
 * request is SQL injection; even a trusted one breaks on a quote.
 * Constants (literals, const bindings of literals, enum members,
 * SCREAMING_CASE names, placeholder lists such as
 * items.map(() => '?').join(',')) are fine.  When every run-time part is a
 * name from the code (a table, schema or column variable) the finding is
 * info: a risk only if such a name can come from input.  The fix is the parameterised call:
 * values as ? bindings, identifiers as ??. */
#include <string.h>

#include "rules/code/common.h"

static void report(RuleCtx *c, const CodeUnit *u, const CodeQuery *q, const CodeSql *x)
{
    Finding *f;
    if (x->ddl && !x->names_only) {
        f = code_finding(c, u, x->at, arena_printf(c->a, "%s:sql", x->sql),
                         "DDL or a utility statement built from run-time values: `%s` (these statements "
                         "take no bindings: check each value against an allow-list or a strict format "
                         "before it is spliced in)",
                         x->sql);
        f->severity = SEV_INFO;
    } else if (x->names_only) {
        /* table or schema names from the code: only a risk when they can
         * come from outside */
        f = code_finding(c, u, x->at, arena_printf(c->a, "%s:sql", x->sql),
                         "SQL names built by interpolation: `%s` (safe only while the names never come from "
                         "input; ?? bindings quote them either way)",
                         x->sql);
        f->severity = SEV_INFO;
    } else {
        f = code_finding(c, u, x->at, arena_printf(c->a, "%s:sql", x->sql),
                         "SQL built from run-time values by interpolation: `%s` (a value that comes from a "
                         "request is SQL injection; bindings keep values out of the SQL text)",
                         x->sql);
    }
    if (x->param) /* only where bindings can replace every part */
        rule_fix(c, f, "%s.%s", strncmp(x->param, "raw(", 4) == 0 ? q->executor : "", x->param);
}

void rule_C013(RuleCtx *c)
{
    QueryIter it = code_queries(c);
    while (code_next_query(&it)) {
        const CodeQuery *q = it.q;
        if (!q->sql_dynamic)
            continue;
        CodeSql first = {q->sql, q->sql_param, q->sql_ddl, q->sql_names_only, q->sql_at};
        report(c, it.u, q, &first);
        for (int k = 0; k < q->more_sql.n; k++)
            report(c, it.u, q, &q->more_sql.v[k]);
    }
}
