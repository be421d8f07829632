/* test_sql.c - quoting and expression trees (src/sql/). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "sql/sql.h"

static void test_ident_quoting(void **state)
{
    Arena a;
    arena_init(&a);
    assert_string_equal(sql_ident(&a, "tickets"), "tickets");
    assert_string_equal(sql_ident(&a, "event_id"), "event_id");
    assert_string_equal(sql_ident(&a, "Tickets"), "\"Tickets\"");
    assert_string_equal(sql_ident(&a, "my table"), "\"my table\"");
    assert_string_equal(sql_ident(&a, "we\"ird"), "\"we\"\"ird\"");
    assert_string_equal(sql_ident(&a, "select"), "\"select\"");   /* reserved */
    assert_string_equal(sql_ident(&a, "user"), "\"user\"");       /* reserved */
    assert_string_equal(sql_ident(&a, "between"), "\"between\""); /* column-name keyword */
    assert_string_equal(sql_ident(&a, "row"), "\"row\"");         /* column-name keyword */
    assert_string_equal(sql_ident(&a, "status"), "status");       /* unreserved keyword */
    assert_string_equal(sql_ident(&a, "1abc"), "\"1abc\"");
    assert_string_equal(sql_ident(&a, "caf\xc3\xa9"), "\"caf\xc3\xa9\"");
    assert_string_equal(sql_display_ident(&a, "user"), "user");
    assert_string_equal(sql_display_ident(&a, "a.b"), "\"a.b\"");
    assert_string_equal(sql_qname(&a, "public", "Order"), "public.\"Order\"");
    assert_string_equal(sql_literal(&a, "it's"), "'it''s'");
    assert_string_equal(sql_literal(&a, "a\\b"), "E'a\\\\b'");
    arena_fini(&a);
}

static void test_expr_tree(void **state)
{
    Arena a;
    arena_init(&a);
    const char *err = NULL;
    SqlExpr *e = sql_expr_parse(&a, "(tenant_id = (current_setting('app.current_tenant_id'::text))::uuid) AND true",
                                &err);
    assert_non_null(e);
    assert_int_equal(e->kind, SX_AND);
    assert_int_equal(e->nargs, 2);
    const SqlExpr *eq = e->args[0];
    assert_int_equal(eq->kind, SX_OP);
    assert_string_equal(eq->name, "=");
    assert_int_equal(eq->args[0]->kind, SX_COLUMN);
    assert_string_equal(eq->args[0]->name, "tenant_id");
    const SqlExpr *rhs = sql_expr_strip_casts(eq->args[1]);
    assert_int_equal(rhs->kind, SX_FUNC);
    assert_string_equal(rhs->name, "current_setting");
    assert_int_equal(rhs->nargs, 1);
    assert_int_equal(e->args[1]->kind, SX_CONST);
    assert_string_equal(e->args[1]->name, "true");

    e = sql_expr_parse(&a, "false", &err);
    assert_non_null(e);
    assert_string_equal(e->name, "false"); /* protobuf JSON omits false */

    e = sql_expr_parse(&a, "t.deleted_at IS NULL AND lower(email) <> ''", &err);
    const char **cols = sql_expr_columns(&a, e);
    assert_string_equal(cols[0], "deleted_at");
    assert_string_equal(cols[1], "email");
    assert_null(cols[2]);

    e = sql_expr_parse(&a, "tenant_id IN (SELECT m.tenant_id FROM memberships m)", &err);
    assert_int_equal(e->kind, SX_SUBLINK);
    assert_string_equal(e->name, "ANY");

    assert_null(sql_expr_parse(&a, "tenant_id = = 1", &err));
    assert_non_null(err);
    assert_null(sql_expr_parse(&a, "1; DROP TABLE x", &err));
    assert_null(sql_expr_parse(&a, "\xff\xfe", &err));
    arena_fini(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ident_quoting),
        cmocka_unit_test(test_expr_tree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
