/* test_config.c - the configuration file (src/core/config.c, configfile.c)
 * and baselines (src/core/baseline.c) below the command line: lists
 * replaced and edited, ignore globs, the match cache across configurations
 * loaded one after another, baseline identities without numbers, counts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/baseline.h"
#include "core/config.h"

static char dir[256];

static const char *put(const char *name, const char *text)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return path;
}

static int setup(void **state)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/dbaudit-config-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void test_lists_replaced_and_edited(void **state)
{
    Config c;
    config_init(&c);
    const char *err = NULL;
    const char *path = put("a.yml", "tenant_column: org_id\n"
                                    "soft_delete_columns: [Gone_At]\n"
                                    "money_columns: {add: ['*_cents_total'], remove: [price]}\n"
                                    "rules: {S001: off, unindexed-foreign-key: error, S003: on}\n");
    assert_int_equal(config_load(&c, path, &err), 0);
    assert_string_equal(c.audit.tenant_column, "org_id");
    assert_int_equal(c.audit.soft_delete_columns.n, 1);
    assert_string_equal(c.audit.soft_delete_columns.v[0], "gone_at"); /* lower-cased */
    assert_true(name_matches("GONE_AT", &c.audit.soft_delete_columns));
    assert_false(name_matches("deleted_at", &c.audit.soft_delete_columns));
    assert_true(name_matches("refund_cents_total", &c.audit.money_columns));
    assert_false(name_matches("price", &c.audit.money_columns));
    assert_true(name_matches("amount", &c.audit.money_columns)); /* the rest stays */
    assert_int_equal(c.rules[RULE_S001], CONFIG_RULE_OFF);
    assert_int_equal(c.rules[RULE_S002], SEV_ERROR);
    assert_int_equal(c.rules[RULE_S003], CONFIG_RULE_DEFAULT);
    assert_string_equal(c.audit.tenant_setting, config_default()->tenant_setting);
    config_fini(&c);
}

/* name_matches() caches compiled lists by address: a configuration freed
 * and another loaded (possibly at the same address) must not match with
 * the first one's patterns. */
static void test_match_cache_across_configurations(void **state)
{
    for (int round = 0; round < 80; round++) {
        Config c;
        config_init(&c);
        const char *err = NULL;
        char text[128];
        snprintf(text, sizeof text, "soft_delete_columns: [col_%d]\nstatus_columns: []\n", round);
        assert_int_equal(config_load(&c, put("r.yml", text), &err), 0);
        char want[32], other[32];
        snprintf(want, sizeof want, "col_%d", round);
        snprintf(other, sizeof other, "col_%d", round + 1);
        assert_true(name_matches(want, &c.audit.soft_delete_columns));
        assert_false(name_matches(other, &c.audit.soft_delete_columns));
        assert_false(name_matches("status", &c.audit.status_columns));
        config_fini(&c);
    }
    assert_true(name_matches("deleted_at", &config_default()->soft_delete_columns));
}

static void test_errors_name_line_and_key(void **state)
{
    static const struct {
        const char *text, *err; /* err: what follows the path */
    } cases[] = {
        {"rules:\n  S001: off\nignor: [a]\n", ":3: unknown key 'ignor' (did you mean 'ignore'?)"},
        {"exclude:\n  add:\n", ":2: 'exclude.add' takes a list, not nothing"},
        {"tenant_setting: {a: b}\n", ":1: 'tenant_setting' takes a name, not a map"},
        {"a: &x [*x]\n", ": more than 100000 values, or nested more than 64 levels deep, once aliases are expanded"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Config c;
        config_init(&c);
        const char *err = NULL;
        const char *path = put("bad.yml", cases[i].text);
        char want[512];
        snprintf(want, sizeof want, "%s%s", path, cases[i].err);
        assert_int_equal(config_load(&c, path, &err), -1);
        assert_string_equal(err, want);
        config_fini(&c);
    }
}

static void test_ignore_globs(void **state)
{
    Config c;
    config_init(&c);
    const char *err = NULL;
    assert_int_equal(config_load(&c, put("i.yml", "ignore: [public.audit_*, 'Billing.\"Order Items\"']\n"), &err), 0);
    assert_true(config_ignores(&c, "public.audit_log"));
    assert_true(config_ignores(&c, "public.audit_log.actor_id")); /* its columns too */
    assert_false(config_ignores(&c, "public.audits_x.y"));
    assert_false(config_ignores(&c, "public.events.audit_id"));
    assert_true(config_ignores(&c, "billing.\"Order Items\".id")); /* any case, a dot in quotes is no separator */
    assert_false(config_ignores(&c, "billing.\"Order Items.id\""));
    assert_false(config_ignores(&c, NULL));
    config_fini(&c);
}

static Finding *add(Report *r, RuleId rule, const char *object, const char *key, const char *message)
{
    Finding *f = report_add(r, rule, "%s", message);
    f->object = object;
    f->key = key;
    f->database = "api";
    return f;
}

static void test_baseline_identities_and_counts(void **state)
{
    char err[512];
    char path[300];
    snprintf(path, sizeof path, "%s/baseline.json", dir);
    Report r;
    report_init(&r, "scan");
    add(&r, RULE_S012, "public.orders.total", NULL, "total (line 12) has no CHECK");
    add(&r, RULE_M001, "public.events", "fk1", "first");
    add(&r, RULE_M001, "public.events", "fk1", "second");
    report_finish(&r);
    assert_int_equal(baseline_write(path, &r, err, sizeof err), 0);
    report_fini(&r);

    Baseline *b = baseline_read(path, err, sizeof err);
    assert_non_null(b);
    report_init(&r, "scan");
    add(&r, RULE_S012, "public.orders.total", NULL, "total (line 40) has no CHECK"); /* numbers masked: known */
    add(&r, RULE_S012, "public.orders.fee", NULL, "fee (line 40) has no CHECK");     /* another object: new */
    for (int i = 0; i < 3; i++)
        add(&r, RULE_M001, "public.events", "fk1", "any message");                 /* two known, one new */
    add(&r, RULE_M001, "public.events", "fk2", "first");                           /* another key: new */
    report_finish(&r);
    assert_int_equal(baseline_apply(b, &r), 3);
    assert_int_equal(r.findings.n, 3);
    int fee = 0, fk1 = 0, fk2 = 0;
    for (int i = 0; i < r.findings.n; i++) {
        const Finding *f = &r.findings.v[i];
        fee += f->rule == RULE_S012 && strcmp(f->object, "public.orders.fee") == 0;
        fk1 += f->rule == RULE_M001 && strcmp(f->key, "fk1") == 0;
        fk2 += f->rule == RULE_M001 && strcmp(f->key, "fk2") == 0;
    }
    assert_int_equal(fee + fk1 + fk2, 3);
    assert_int_equal(fk1, 1);
    report_fini(&r);
    baseline_free(b);

    assert_null(baseline_read(put("not.json", "{\"version\": 1, \"findings\": [{\"rule\": \"S001\"}]}"), err,
                              sizeof err));
    assert_non_null(strstr(err, "finding 1 has no rule, no key or a bad count"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lists_replaced_and_edited),
        cmocka_unit_test(test_match_cache_across_configurations),
        cmocka_unit_test(test_errors_name_line_and_key),
        cmocka_unit_test(test_ignore_globs),
        cmocka_unit_test(test_baseline_identities_and_counts),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
