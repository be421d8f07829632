/* test_nodetree.c - reading stored expressions (src/catalog/nodetree.c),
 * on node trees PostgreSQL 15 printed for real policies. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "catalog/nodetree.h"

static const char *cols[] = {NULL, "id", "tenant_id", "status", "n", "flag", "name"};

static const char *column(void *ctx, int attnum)
{
    (void)ctx;
    return attnum > 0 && attnum < 7 ? cols[attnum] : NULL;
}

static NodeNames *names(Arena *a)
{
    NodeNames *n = nodenames_new(a);
    nodenames_add(n, 'o', 2972, "=");  /* uuid = uuid */
    nodenames_add(n, 'o', 98, "=");    /* text = text */
    nodenames_add(n, 'o', 521, ">");   /* int4 > int4 */
    nodenames_add(n, 'o', 518, "<>");  /* int4 <> int4 */
    nodenames_add(n, 'o', 96, "=");    /* int4 = int4 */
    nodenames_add(n, 'f', 3294, "current_setting");
    nodenames_add(n, 't', 2950, "uuid");
    nodenames_add(n, 't', 25, "text");
    return n;
}

/* tenant_id = current_setting('app.tenant', true)::uuid AND status IN ('a','b') OR n > 5 */
static const char P2[] =
    "{BOOLEXPR :boolop or :args ({BOOLEXPR :boolop and :args ({OPEXPR :opno 2972 :opfuncid 2956 :opresulttype 16 "
    ":opretset false :opcollid 0 :inputcollid 0 :args ({VAR :varno 1 :varattno 2 :vartype 2950 :vartypmod -1 "
    ":varcollid 0 :varlevelsup 0 :varnosyn 1 :varattnosyn 2 :location 29} {COERCEVIAIO :arg {FUNCEXPR :funcid 3294 "
    ":funcresulttype 25 :funcretset false :funcvariadic false :funcformat 0 :funccollid 100 :inputcollid 100 :args "
    "({CONST :consttype 25 :consttypmod -1 :constcollid 100 :constlen -1 :constbyval false :constisnull false "
    ":location 57 :constvalue 14 [ 56 0 0 0 97 112 112 46 116 101 110 97 110 116 ]} {CONST :consttype 16 "
    ":consttypmod -1 :constcollid 0 :constlen 1 :constbyval true :constisnull false :location 71 :constvalue 1 "
    "[ 1 0 0 0 0 0 0 0 ]}) :location 41} :resulttype 2950 :resultcollid 0 :coerceformat 1 :location 76}) "
    ":location 39} {SCALARARRAYOPEXPR :opno 98 :opfuncid 67 :hashfuncid 0 :negfuncid 0 :useOr true :inputcollid "
    "100 :args ({VAR :varno 1 :varattno 3 :vartype 25 :vartypmod -1 :varcollid 100 :varlevelsup 0 :varnosyn 1 "
    ":varattnosyn 3 :location 87} {ARRAYEXPR :array_typeid 1009 :array_collid 100 :element_typeid 25 :elements "
    "({CONST :consttype 25 :consttypmod -1 :constcollid 100 :constlen -1 :constbyval false :constisnull false "
    ":location 98 :constvalue 5 [ 20 0 0 0 97 ]} {CONST :consttype 25 :consttypmod -1 :constcollid 100 :constlen "
    "-1 :constbyval false :constisnull false :location 102 :constvalue 5 [ 20 0 0 0 98 ]}) :multidims false "
    ":location -1}) :location 94}) :location 83} {OPEXPR :opno 521 :opfuncid 147 :opresulttype 16 :opretset "
    "false :opcollid 0 :inputcollid 0 :args ({VAR :varno 1 :varattno 4 :vartype 23 :vartypmod -1 :varcollid 0 "
    ":varlevelsup 0 :varnosyn 1 :varattnosyn 4 :location 110} {CONST :consttype 23 :consttypmod -1 :constcollid 0 "
    ":constlen 4 :constbyval true :constisnull false :location 114 :constvalue 4 [ 5 0 0 0 0 0 0 0 ]}) "
    ":location 112}) :location 107}";

static void test_policy_expression(void **state)
{
    Arena a, scratch;
    arena_init(&a);
    arena_init(&scratch);
    SqlExpr *e = NULL;
    const char *sql = NULL;
    assert_true(nodetree_read(&a, &scratch, P2, names(&a), column, NULL, &e, &sql));
    assert_string_equal(sql, "((tenant_id = (current_setting('app.tenant'::text, true))::uuid) AND (status = ANY "
                             "(ARRAY['a'::text, 'b'::text]))) OR (n > 5)");
    assert_int_equal(e->kind, SX_OR);
    const SqlExpr *eq = e->args[0]->args[0];
    assert_string_equal(eq->name, "=");
    assert_string_equal(eq->args[0]->name, "tenant_id");
    const SqlExpr *fn = sql_expr_strip_casts(eq->args[1]);
    assert_int_equal(fn->kind, SX_FUNC);
    assert_string_equal(fn->name, "current_setting");
    assert_int_equal(fn->nargs, 2);
    assert_string_equal(fn->args[0]->name, "app.tenant");
    assert_string_equal(fn->args[1]->name, "true");
    assert_string_equal(e->args[0]->args[1]->name, "= ANY");
    assert_string_equal(e->args[1]->args[1]->name, "5");
    /* the SQL text parses back to the same shape */
    const char *err;
    SqlExpr *again = sql_expr_parse(&a, sql, &err);
    assert_non_null(again);
    assert_int_equal(again->kind, SX_OR);
    arena_fini(&a);
    arena_fini(&scratch);
}

static void test_constants(void **state)
{
    Arena a, scratch;
    arena_init(&a);
    arena_init(&scratch);
    SqlExpr *e;
    const char *sql;
    NodeNames *n = names(&a);
    assert_true(nodetree_read(&a, &scratch,
                              "{CONST :consttype 16 :consttypmod -1 :constcollid 0 :constlen 1 :constbyval true "
                              ":constisnull false :location 29 :constvalue 1 [ 1 0 0 0 0 0 0 0 ]}",
                              n, column, NULL, &e, &sql));
    assert_string_equal(sql, "true");
    assert_true(nodetree_read(&a, &scratch,
                              "{OPEXPR :opno 518 :args ({VAR :varno 1 :varattno 4 :varlevelsup 0} {CONST :consttype 23 "
                              ":constisnull false :constvalue 4 [ -3 -1 -1 -1 -1 -1 -1 -1 ]})}",
                              n, column, NULL, &e, &sql));
    assert_string_equal(sql, "n <> '-3'::integer");
    assert_true(nodetree_read(&a, &scratch,
                              "{OPEXPR :opno 98 :args ({VAR :varno 1 :varattno 3 :varlevelsup 0} {CONST :consttype 25 "
                              ":constisnull false :constvalue 8 [ 32 0 0 0 105 116 39 115 ]})}",
                              n, column, NULL, &e, &sql));
    assert_string_equal(sql, "status = 'it''s'::text");
    /* a function without arguments: its list prints as <> */
    nodenames_add(n, 'f', 315232, "auth.tenant_id");
    assert_true(nodetree_read(&a, &scratch,
                              "{OPEXPR :opno 2972 :args ({VAR :varno 1 :varattno 2 :varlevelsup 0} {FUNCEXPR "
                              ":funcid 315232 :funcresulttype 2950 :funcretset false :funcvariadic false :funcformat 0 "
                              ":args <> :location 66}) :location 64}",
                              n, column, NULL, &e, &sql));
    assert_string_equal(sql, "tenant_id = auth.tenant_id()");
    assert_string_equal(sql_expr_strip_casts(e->args[1])->name, "tenant_id");
    /* a header that does not match the printed length is refused */
    assert_false(nodetree_read(&a, &scratch,
                               "{CONST :consttype 25 :constisnull false :constvalue 8 [ 99 0 0 0 105 116 39 115 ]}", n,
                               column, NULL, &e, &sql));
    /* unknown nodes, unknown columns and truncated text are refused */
    assert_false(nodetree_read(&a, &scratch, "{SUBLINK :subLinkType 2}", n, column, NULL, &e, &sql));
    assert_false(nodetree_read(&a, &scratch, "{VAR :varno 1 :varattno 9 :varlevelsup 0}", n, column, NULL, &e, &sql));
    assert_false(nodetree_read(&a, &scratch, "{OPEXPR :opno 98 :args ({VAR :varno 1", n, column, NULL, &e, &sql));
    arena_fini(&a);
    arena_fini(&scratch);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_policy_expression),
        cmocka_unit_test(test_constants),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
