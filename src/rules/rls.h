/* rls.h - what the row level security rules share: reading policy
 * expressions and writing the policy a tenant-scoped table should have. */
#ifndef DBAUDIT_RLS_H
#define DBAUDIT_RLS_H

#include "rules/rule.h"
#include "sql/sql.h"

/* The USING expression that limits t to the current tenant:
 *   tenant_id = nullif(current_setting('app.current_tenant_id', true), '')::uuid
 * (nullif: on a pooled connection where a previous transaction set the
 * setting locally, it reads '' afterwards, and ''::uuid is an error)
 * or, for a table scoped through its parent without a tenant column,
 *   EXISTS (SELECT 1 FROM parent p WHERE p.id = event_id AND p.tenant_id = ...)
 * NULL when neither can be written. */
const char *rls_tenant_expr(RuleCtx *c, const Table *t);

/* "CREATE POLICY tenant_isolation ON t USING (...) WITH CHECK (...);" or NULL. */
const char *rls_create_policy(RuleCtx *c, const Table *t);

/* True when every row the expression admits has tenant_col equal to a value
 * computed from the session (a function such as current_setting(), or a
 * subquery), see rls.c.  EXISTS subqueries are trusted: their bodies are not
 * read, and a finding needs certainty. */
bool rls_tenant_bound(const SqlExpr *e, const char *tenant_col);

#endif
