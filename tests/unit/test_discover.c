/* test_discover.c - finding projects and migrations (src/source/discover.c)
 * on a folder tree built in a temporary folder: knexfile projects with
 * several migration folders, unclaimed migrations folders, skipped and
 * excluded folders, a symlink loop, .up.sql/.down.sql pairs, Knex's order,
 * files that are too odd to read. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "source/discover.h"

static char root[256];

static void put(const char *rel, const char *text)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    /* mkdir -p of the parents */
    for (char *p = path + strlen(root) + 1; (p = strchr(p, '/')); p++) {
        *p = 0;
        mkdir(path, 0755);
        *p = '/';
    }
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void link_to(const char *target, const char *rel)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    assert_int_equal(symlink(target, path), 0);
}

static void rm_rf(const char *path)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", path);
    assert_int_equal(system(cmd), 0);
}

static int setup(void **state)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(root, sizeof root, "%s/dbaudit-discover-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(root))
        return -1;
    /* A service whose knexfile names two folders (and one twice). */
    put("services/api/knexfile.js",
        "module.exports = {\n"
        "  development: { client: 'pg', migrations: { directory: ['./db/migrations', './db/extra'] } },\n"
        "  production: { client: 'pg', migrations: { directory: './db/migrations/', tableName: 'kx' } },\n"
        "};\n");
    put("services/api/db/migrations/20240102000000_b.js", "exports.up = () => {};\n");
    put("services/api/db/migrations/20240101000000_a.ts", "export async function up() {}\n");
    put("services/api/db/migrations/types.d.ts", "export {};\n");
    put("services/api/db/migrations/README.md", "notes\n");
    put("services/api/db/migrations/helpers/util.js", "module.exports = {};\n");
    put("services/api/db/migrations/20240103000000_c.test.js", "test\n");
    put("services/api/db/extra/20240101000000_0_extra.js", "exports.up = () => {};\n");
    /* An unclaimed migrations folder (the api's default ./migrations is
     * absent, so nothing claims this one either). */
    put("services/billing/migrations/001_init.up.sql", "CREATE TABLE a (id int);\n");
    put("services/billing/migrations/001_init.down.sql", "DROP TABLE a;\n");
    put("services/billing/migrations/002_more.sql", "CREATE TABLE b (id int);\n");
    put("services/billing/migrations/003_lone.down.sql", "DROP TABLE c;\n");
    put("services/billing/migrations/004_latin1.sql", "COMMENT ON TABLE a IS 'caf\xe9';\n");
    put("services/legacy/src/database/migrations/001_x.js", "exports.up = () => {};\n");
    /* Skipped by default, and by --exclude. */
    put("node_modules/pkg/migrations/001.js", "exports.up = () => {};\n");
    put("tests/fixtures/migrations/001.js", "exports.up = () => {};\n");
    put("dist/migrations/001.js", "exports.up = () => {};\n");
    put("services/old/migrations/001.js", "exports.up = () => {};\n");
    /* A symlink back up the tree. */
    link_to("../..", "services/api/db/loop");
    return 0;
}

static int teardown(void **state)
{
    rm_rf(root);
    return 0;
}

static const DiscoveredProject *project(DiscoveredProject *ps, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcmp(ps[i].name, name) == 0)
            return &ps[i];
    fail_msg("no project %s", name);
    return NULL;
}

static const char *tail(const char *path)
{
    return path + strlen(root) + 1;
}

static int count_a003(const Report *r, const char *needle)
{
    int k = 0;
    for (int i = 0; i < r->findings.n; i++)
        if (r->findings.v[i].rule == RULE_A003 && strstr(r->findings.v[i].message, needle))
            k++;
    return k;
}

static void test_tree(void **state)
{
    Arena a;
    arena_init(&a);
    Report r;
    report_init(&r, "scan");
    const char *excludes[] = {"services/old"};
    DiscoverOptions opt = {excludes, 1};
    const char *paths[] = {root};
    DiscoveredProject *ps = NULL;
    char err[256];
    int n = discover(paths, 1, &opt, &a, &r, &ps, err, sizeof err);
    assert_int_equal(n, 3);
    /* sorted by name */
    assert_string_equal(ps[0].name, "services/api");
    assert_string_equal(ps[1].name, "services/billing");
    assert_string_equal(ps[2].name, "services/legacy");

    const DiscoveredProject *api = project(ps, n, "services/api");
    assert_int_equal(api->nknexfiles, 1);
    assert_int_equal(api->knexfiles[0]->configs.n, 2);
    assert_string_equal(tail(api->root), "services/api");
    assert_false(api->sql_migrations);
    /* both folders, sorted together by file name: "0" < "a" */
    assert_int_equal(api->nmigrations, 3);
    assert_string_equal(tail(api->migrations[0]), "services/api/db/extra/20240101000000_0_extra.js");
    assert_string_equal(tail(api->migrations[1]), "services/api/db/migrations/20240101000000_a.ts");
    assert_string_equal(tail(api->migrations[2]), "services/api/db/migrations/20240102000000_b.js");

    const DiscoveredProject *billing = project(ps, n, "services/billing");
    assert_int_equal(billing->nknexfiles, 0);
    assert_true(billing->sql_migrations);
    /* Encoding is checked when the scan reads a file, not here. */
    assert_int_equal(billing->nmigrations, 3);
    assert_string_equal(tail(billing->migrations[0]), "services/billing/migrations/001_init.up.sql");
    assert_string_equal(tail(billing->migrations[1]), "services/billing/migrations/002_more.sql");
    assert_string_equal(tail(billing->migrations[2]), "services/billing/migrations/004_latin1.sql");

    const DiscoveredProject *legacy = project(ps, n, "services/legacy");
    assert_int_equal(legacy->nmigrations, 1);
    assert_string_equal(tail(legacy->root), "services/legacy");

    assert_int_equal(count_a003(&r, "symbolic link"), 1);
    assert_int_equal(count_a003(&r, "no matching .up.sql"), 1);
    for (int i = 0; i < r.findings.n; i++) {
        assert_int_equal(r.findings.v[i].rule, RULE_A003);
        assert_int_equal(r.findings.v[i].severity, SEV_INFO);
    }
    report_fini(&r);
    arena_fini(&a);
}

static void test_names_relative_to_each_root(void **state)
{
    Arena a;
    arena_init(&a);
    Report r;
    report_init(&r, "scan");
    char api[512], billing[512];
    snprintf(api, sizeof api, "%s/services/api/", root);
    snprintf(billing, sizeof billing, "%s/services/billing/migrations/002_more.sql", root);
    const char *paths[] = {api, billing};
    DiscoveredProject *ps = NULL;
    char err[256];
    int n = discover(paths, 2, NULL, &a, &r, &ps, err, sizeof err);
    assert_int_equal(n, 2);
    /* several roots: each name starts with its root, so "." cannot collide */
    char want[600];
    snprintf(want, sizeof want, "%s/services/api", root);
    assert_string_equal(ps[0].name, want);
    assert_int_equal(ps[0].nknexfiles, 1);
    assert_int_equal(ps[0].nmigrations, 3);
    /* a single file: a project of its own */
    assert_string_equal(ps[1].name, billing);
    assert_int_equal(ps[1].nmigrations, 1);
    assert_true(ps[1].sql_migrations);
    report_fini(&r);
    arena_fini(&a);
}

static void test_knexfile_given_directly(void **state)
{
    Arena a;
    arena_init(&a);
    Report r;
    report_init(&r, "scan");
    char kf[512];
    snprintf(kf, sizeof kf, "%s/services/api/knexfile.js", root);
    const char *paths[] = {kf};
    DiscoveredProject *ps = NULL;
    char err[256];
    assert_int_equal(discover(paths, 1, NULL, &a, &r, &ps, err, sizeof err), 1);
    assert_int_equal(ps[0].nknexfiles, 1);
    assert_int_equal(ps[0].nmigrations, 3);
    report_fini(&r);
    arena_fini(&a);
}

static void test_missing_path(void **state)
{
    Arena a;
    arena_init(&a);
    Report r;
    report_init(&r, "scan");
    const char *paths[] = {"/nonexistent/dbaudit/path"};
    DiscoveredProject *ps = NULL;
    char err[256] = "";
    assert_int_equal(discover(paths, 1, NULL, &a, &r, &ps, err, sizeof err), -1);
    assert_non_null(strstr(err, "/nonexistent/dbaudit/path"));
    report_fini(&r);
    arena_fini(&a);
}

static void test_default_migrations_and_exclude_by_name(void **state)
{
    Arena a;
    arena_init(&a);
    Report r;
    report_init(&r, "scan");
    char sub[512];
    snprintf(sub, sizeof sub, "%s/plain", root);
    mkdir(sub, 0755);
    put("plain/knexfile.ts", "export default { client: 'pg' };\n");
    put("plain/migrations/002_b.ts", "export async function up() {}\n");
    put("plain/migrations/001_a.js", "exports.up = () => {};\n");
    put("plain/migrations/003_skip.js", "exports.up = () => {};\n");
    const char *excludes[] = {"*_skip.js"};
    DiscoverOptions opt = {excludes, 1};
    const char *paths[] = {sub};
    DiscoveredProject *ps = NULL;
    char err[256];
    assert_int_equal(discover(paths, 1, &opt, &a, &r, &ps, err, sizeof err), 1);
    assert_string_equal(ps[0].name, "plain"); /* the root project is named after its folder */
    assert_int_equal(ps[0].nmigrations, 2);
    assert_non_null(strstr(ps[0].migrations[0], "001_a.js"));
    assert_non_null(strstr(ps[0].migrations[1], "002_b.ts"));
    rm_rf(sub);
    report_fini(&r);
    arena_fini(&a);
}

/* Without a knexfile, migrations named by versions run in version order. */
static void test_version_named_migrations(void **state)
{
    (void)state;
    Arena a;
    arena_init(&a);
    Report r;
    report_init(&r, "scan");
    char sub[512];
    snprintf(sub, sizeof sub, "%s/versions", root);
    mkdir(sub, 0755);
    static const char *const names[] = {"2.0.0-beta.99.js", "2.0.0-beta.148.js", "2.0.0.js", "1.9.10.js",
                                        "1.9.9.js", "2.0.0-beta.100.1.js"};
    for (int i = 0; i < 6; i++) {
        char rel[256];
        snprintf(rel, sizeof rel, "versions/migrations/%s", names[i]);
        put(rel, "exports.up = () => {};\nexports.down = () => {};\n");
    }
    const char *paths[] = {sub};
    DiscoveredProject *ps = NULL;
    char err[256];
    assert_int_equal(discover(paths, 1, NULL, &a, &r, &ps, err, sizeof err), 1);
    static const char *const order[] = {"1.9.9.js", "1.9.10.js", "2.0.0-beta.99.js", "2.0.0-beta.100.1.js",
                                        "2.0.0-beta.148.js", "2.0.0.js"};
    assert_int_equal(ps[0].nmigrations, 6);
    for (int i = 0; i < 6; i++)
        assert_string_equal(strrchr(ps[0].migrations[i], '/') + 1, order[i]);
    rm_rf(sub);
    report_fini(&r);
    arena_fini(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tree),
        cmocka_unit_test(test_names_relative_to_each_root),
        cmocka_unit_test(test_knexfile_given_directly),
        cmocka_unit_test(test_missing_path),
        cmocka_unit_test(test_default_migrations_and_exclude_by_name),
        cmocka_unit_test(test_version_named_migrations),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
