/* test_report_formats.c - every report writer on one fixed report, compared
 * with golden files: tests/formats/golden.{txt,json,sarif,github,html,dot}.
 *
 * The report is built by hand, not by the rules, so only a writer can change
 * these files: a small model (tenants; users with RLS enabled and forced;
 * orders with RLS enabled, not forced; "Order Items", tenant-scoped through
 * orders, without RLS; products, holding no tenant data; billing.payments
 * with a NOT VALID key to orders and a key to billing.invoices, which is not
 * in the model) and findings of every kind: an S003 with the inferred
 * target, object findings, file findings whose line is read when the text
 * report is written (tests/formats/migrations/, with a tab, multi-byte
 * characters and a CR before the column), a file that does not exist, a
 * line past the end of its file, a data finding with samples, and messages
 * and fixes full of characters every format must escape.
 *
 * After an intended change of a writer, regenerate the golden files and
 * review their diff:
 *     UPDATE_GOLDEN=1 build/tests/test_report_formats
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/report.h"
#include "migrate/history.h"
#include "schema/schema.h"
#include "sql/ddl.h"

static const char model_sql[] =
    "CREATE TABLE tenants (id uuid PRIMARY KEY, name text NOT NULL);\n"
    "CREATE TABLE users (id uuid PRIMARY KEY, tenant_id uuid NOT NULL REFERENCES tenants (id), email text);\n"
    "ALTER TABLE users ENABLE ROW LEVEL SECURITY;\n"
    "ALTER TABLE users FORCE ROW LEVEL SECURITY;\n"
    "CREATE TABLE orders (id uuid PRIMARY KEY, tenant_id uuid NOT NULL REFERENCES tenants (id),\n"
    "                     user_id uuid REFERENCES users (id) ON DELETE CASCADE);\n"
    "ALTER TABLE orders ENABLE ROW LEVEL SECURITY;\n"
    "CREATE TABLE \"Order Items\" (id bigint PRIMARY KEY,\n"
    "                     order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,\n"
    "                     product_id uuid, \"<b>&\"\"note\"\"\" text);\n"
    "CREATE TABLE products (id uuid PRIMARY KEY, name text);\n"
    "CREATE SCHEMA billing;\n"
    "CREATE TABLE billing.payments (id uuid PRIMARY KEY, order_id uuid, invoice_id uuid,\n"
    "                     amount numeric NOT NULL);\n"
    "ALTER TABLE billing.payments ADD CONSTRAINT payments_order_id_fkey FOREIGN KEY (order_id)\n"
    "    REFERENCES orders (id) NOT VALID;\n"
    "ALTER TABLE billing.payments ADD CONSTRAINT payments_invoice_id_fkey FOREIGN KEY (invoice_id)\n"
    "    REFERENCES billing.invoices (id) ON DELETE RESTRICT;\n";

#define MIGRATION "migrations/20240101000000_create_orders.js"

typedef struct Fx {
    Report r;
    Schema *s;
} Fx;

/* tests/formats, from this file's path. */
static const char *formats_dir(void)
{
    static char dir[4096];
    if (!dir[0]) {
        const char *unit = strstr(__FILE__, "/unit/test_report_formats.c");
        assert_non_null(unit);
        snprintf(dir, sizeof dir, "%.*s/formats", (int)(unit - __FILE__), __FILE__);
    }
    return dir;
}

static Finding *add(Fx *x, RuleId rule, const char *object, const char *group, const char *msg)
{
    Finding *f = report_add(&x->r, rule, "%s", msg);
    f->object = object;
    f->group = group;
    f->database = "shop";
    return f;
}

static int setup(void **state)
{
    Fx *x = calloc(1, sizeof *x);
    x->s = schema_new("shop");
    x->s->have = SCHEMA_HAS_ALL;
    Report scratch; /* the model's own problems, if any, are not part of the fixture */
    report_init(&scratch, "scan");
    MigSink k = {x->s, NULL, false, &scratch, "shop", "public"};
    sql_ddl_apply(&k, model_sql, NULL, NULL);
    report_fini(&scratch);
    schema_derive(x->s);

    report_init(&x->r, "scan");
    ReportSource *src = report_add_source(&x->r, "shop");
    src->schema = x->s;
    src->tables = x->s->tables.n;

    Finding *f = add(x, RULE_S003, "public.\"Order Items\".product_id", "public.\"Order Items\"",
                     "product_id looks like a reference to public.products(id) but has no foreign key "
                     "(confidence high: name matches table public.products; types match (uuid -> id uuid))");
    f->target = "public.products";
    f->key = "product_id";
    finding_fix(&x->r, f,
                "-- orphans that would block it:\n"
                "-- SELECT count(*) FROM public.\"Order Items\" c WHERE c.product_id IS NOT NULL AND NOT EXISTS "
                "(SELECT 1 FROM public.products p WHERE p.id = c.product_id);\n"
                "ALTER TABLE public.\"Order Items\" ADD CONSTRAINT \"Order Items_product_id_fkey\" FOREIGN KEY "
                "(product_id) REFERENCES public.products (id) ON DELETE RESTRICT NOT VALID;\n"
                "ALTER TABLE public.\"Order Items\" VALIDATE CONSTRAINT \"Order Items_product_id_fkey\";");

    f = add(x, RULE_S015, "public.\"Order Items\"", "public.\"Order Items\"",
            "row level security is disabled on tenant-scoped table public.\"Order Items\" (its foreign key "
            "Order Items_order_id_fkey references public.orders, which is tenant-scoped)");
    f->key = "rls";
    finding_fix(&x->r, f,
                "ALTER TABLE public.\"Order Items\" ENABLE ROW LEVEL SECURITY;\n"
                "ALTER TABLE public.\"Order Items\" FORCE ROW LEVEL SECURITY;");

    f = add(x, RULE_S012, "public.\"Order Items\".\"<b>&\"\"note\"\"\"", "public.\"Order Items\"",
            "column \"<b>&\"\"note\"\"\" is free text: 100% of values unchecked, <script>alert('x')</script> "
            "\\ back\\slash");
    f->key = "note";
    f->why = "A why of its own, with <tags> & \"quotes\",\nover two lines.";

    f = add(x, RULE_S002, "public.orders.user_id", "public.orders",
            "foreign key orders_user_id_fkey (user_id) -> public.users (ON DELETE CASCADE) has no index "
            "leading with (user_id)");
    f->file = MIGRATION;
    f->line = 3;
    f->col = 43;
    f->key = "orders_user_id_fkey";
    finding_fix(&x->r, f, "CREATE INDEX CONCURRENTLY orders_user_id_idx ON public.orders (user_id);");

    f = add(x, RULE_S017, "public.orders", "public.orders",
            "row level security on public.orders is not forced: its owner, which the application uses, "
            "bypasses every policy");
    f->file = MIGRATION;
    f->line = 2;
    f->col = 3;
    f->key = "rls";
    finding_fix(&x->r, f, "ALTER TABLE public.orders FORCE ROW LEVEL SECURITY;");

    f = add(x, RULE_D001, "public.orders.user_id", "public.orders",
            "3 rows of public.orders reference a missing public.users row through user_id");
    f->key = "orphans:user_id";
    f->count = 3;
    f->estimated = true;
    static const char *samples[] = {"(id)=(0b5f…)", "(id)=(\"quoted\")", "(id)=(<none>)"};
    f->samples = samples;
    f->nsamples = 3;

    f = add(x, RULE_M001, NULL, NULL,
            "foreign key on orders.user_id has no onDelete: Knex leaves NO ACTION, 50% of the time a surprise "
            "(key,colon:percent%)");
    f->file = MIGRATION;
    f->line = 3;
    f->col = 2;
    f->key = "orders.user_id";
    finding_fix(&x->r, f, "t.uuid('user_id')\n  .references('users.id')\n  .onDelete('RESTRICT'); // or CASCADE");

    f = add(x, RULE_A003, NULL, NULL, "cannot read migrations/gone.js: No such file or directory");
    f->file = "migrations/gone.js";
    f->line = 1;
    f->col = 1;

    f = add(x, RULE_A003, NULL, NULL, "the statement at the end of the file is not understood");
    f->file = MIGRATION;
    f->line = 99;
    f->col = 1;

    f = add(x, RULE_K003, NULL, NULL, "production: no statement_timeout in pool.afterCreate or connection options");
    f->file = "knexfile, odd:name 100%.js";
    f->line = 12;
    f->col = 5;

    report_finish(&x->r);
    *state = x;
    return 0;
}

static int teardown(void **state)
{
    Fx *x = *state;
    report_fini(&x->r);
    schema_free(x->s);
    free(x);
    return 0;
}

/* Output of one writer (run from tests/formats, so file findings resolve). */
static char *render(Fx *x, ReportOptions opt)
{
    char cwd[4096];
    assert_non_null(getcwd(cwd, sizeof cwd));
    assert_int_equal(chdir(formats_dir()), 0);
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_non_null(out);
    assert_int_equal(report_write(out, &x->r, &opt), 0);
    fclose(out);
    assert_int_equal(chdir(cwd), 0);
    return buf;
}

static void golden(const char *name, const char *actual)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", formats_dir(), name);
    const char *update = getenv("UPDATE_GOLDEN");
    if (update && strcmp(update, "1") == 0) {
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        fputs(actual, f);
        assert_int_equal(fclose(f), 0);
        return;
    }
    FILE *f = fopen(path, "r");
    if (!f)
        fail_msg("%s is missing: run with UPDATE_GOLDEN=1 to create it", path);
    char *want = NULL;
    size_t cap = 0, len = 0;
    for (;;) {
        if (len + 4096 + 1 > cap) {
            cap = (len + 4096 + 1) * 2;
            want = realloc(want, cap);
            assert_non_null(want);
        }
        size_t n = fread(want + len, 1, 4096, f);
        len += n;
        if (n == 0)
            break;
    }
    fclose(f);
    want[len] = 0;
    if (strcmp(want, actual) != 0) {
        int line = 1;
        const char *a = actual, *w = want, *la = actual, *lw = want;
        for (; *a && *a == *w; a++, w++)
            if (*a == '\n') {
                line++;
                la = a + 1;
                lw = w + 1;
            }
        print_error("%s differs from the output at line %d:\n  golden: %.*s\n  output: %.*s\n"
                    "(UPDATE_GOLDEN=1 rewrites the golden files; review their diff)\n",
                    path, line, (int)strcspn(lw, "\n"), lw, (int)strcspn(la, "\n"), la);
        free(want);
        fail();
    }
    free(want);
}

static void test_text(void **state)
{
    char *out = render(*state, (ReportOptions){FORMAT_TEXT, false, false, false});
    golden("golden.txt", out);
    assert_null(strchr(out, '\033'));
    /* the caret sits under ".references", after a tab and multi-byte characters */
    assert_non_null(strstr(out, "     3 | \tt.uuid('user_id').comment('caf\xc3\xa9 \xe2\x86\x92 users').references"));
    assert_non_null(strstr(out, "       | \t                                         ^\n"));
    free(out);
}

static void test_text_quiet_and_verbose(void **state)
{
    Fx *x = *state;
    char *quiet = render(x, (ReportOptions){FORMAT_TEXT, false, false, true});
    assert_string_equal(quiet, "2 errors, 6 warnings, 2 info in project shop (6 tables)\n");
    free(quiet);
    char *plain = render(x, (ReportOptions){FORMAT_TEXT, false, false, false});
    char *verbose = render(x, (ReportOptions){FORMAT_TEXT, false, true, false});
    int whys = 0;
    for (const char *p = verbose; (p = strstr(p, "why: ")); p++)
        whys++;
    assert_int_equal(whys, x->r.findings.n);
    assert_true(strlen(verbose) > strlen(plain));
    char *color = render(x, (ReportOptions){FORMAT_TEXT, true, false, false});
    assert_non_null(strstr(color, "\033[31m"));
    free(plain);
    free(verbose);
    free(color);
}

static void test_json(void **state)
{
    char *out = render(*state, (ReportOptions){FORMAT_JSON, false, false, false});
    golden("golden.json", out);
    free(out);
}

static void test_sarif(void **state)
{
    char *out = render(*state, (ReportOptions){FORMAT_SARIF, false, false, false});
    golden("golden.sarif", out);
    assert_non_null(strstr(out, "\"uri\":\t\"knexfile%2C%20odd%3Aname%20100%25.js\""));
    free(out);
}

static void test_github(void **state)
{
    char *out = render(*state, (ReportOptions){FORMAT_GITHUB, false, false, false});
    golden("golden.github", out);
    assert_non_null(strstr(out, "::warning file=knexfile%2C odd%3Aname 100%25.js,line=12,col=5,title=K003 "
                                "no-statement-timeout::production: no statement_timeout"));
    free(out);
}

static void test_html(void **state)
{
    char *out = render(*state, (ReportOptions){FORMAT_HTML, false, false, false});
    golden("golden.html", out);
    assert_null(strstr(out, "<script>alert"));
    assert_null(strstr(out, "<b>&"));
    assert_non_null(strstr(out, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert_non_null(strstr(out, "class=\"edge inferred\""));
    assert_non_null(strstr(out, "href=\"docs/rules/S003.md\""));
    /* nothing to fetch: the only URL is the SVG namespace */
    int urls = 0;
    for (const char *p = out; (p = strstr(p, "://")); p++)
        urls++, assert_int_equal(strncmp(p - 4, "http://www.w3.org/2000/svg\"", 27), 0);
    assert_int_equal(urls, 1);
    free(out);
}

static void test_dot(void **state)
{
    char *out = render(*state, (ReportOptions){FORMAT_DOT, false, false, false});
    golden("golden.dot", out);
    assert_non_null(strstr(out, "\"public.Order Items\" -> \"public.products\" [label=\"product_id\\nno foreign key\", "
                                "style=dashed, color=\"#c53030\""));
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text),  cmocka_unit_test(test_text_quiet_and_verbose),
        cmocka_unit_test(test_json),  cmocka_unit_test(test_sarif),
        cmocka_unit_test(test_github), cmocka_unit_test(test_html),
        cmocka_unit_test(test_dot),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
