/* cmd_rules.c - `dbaudit rules` (the rule table) and `dbaudit explain ID`
 * (a rule's documentation, compiled in from docs/rules/<ID>.md). */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char rules_usage[] =
    "Usage: dbaudit rules [--format text|json]\n"
    "\n"
    "List every rule: id, slug, default severity, family, the audit guide section it\n"
    "implements and what it detects.\n";

static const char explain_usage[] =
    "Usage: dbaudit explain ID\n"
    "\n"
    "Print the documentation of a rule (id or slug): what it detects, why it matters,\n"
    "bad and good examples, and the fix.\n";

int cmd_rules(int argc, char **argv)
{
    bool json = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0) {
            fputs(rules_usage, stdout);
            return EXIT_CLEAN;
        }
        const char *v = NULL;
        if (strcmp(argv[i], "--format") == 0 && i + 1 < argc)
            v = argv[++i];
        else if (strncmp(argv[i], "--format=", 9) == 0)
            v = argv[i] + 9;
        if (v && (strcmp(v, "json") == 0 || strcmp(v, "text") == 0)) {
            json = strcmp(v, "json") == 0;
            continue;
        }
        cli_error("unexpected argument '%s' (see 'dbaudit rules --help')", argv[i]);
        return EXIT_USAGE;
    }
    if (json) {
        cJSON *arr = cJSON_CreateArray();
        for (int i = 0; arr && i < RULE_COUNT; i++) {
            const RuleInfo *ri = &rule_table[i];
            cJSON *o = cJSON_CreateObject();
            if (!o)
                die_oom();
            cJSON_AddStringToObject(o, "id", ri->id);
            cJSON_AddStringToObject(o, "slug", ri->slug);
            cJSON_AddStringToObject(o, "severity", severity_name(ri->severity));
            cJSON_AddStringToObject(o, "family", ri->family);
            cJSON_AddStringToObject(o, "guide", ri->guide);
            cJSON_AddStringToObject(o, "summary", ri->summary);
            cJSON_AddItemToArray(arr, o);
        }
        char *s = arr ? cJSON_Print(arr) : NULL;
        cJSON_Delete(arr);
        if (!s)
            die_oom();
        puts(s);
        free(s);
        return EXIT_CLEAN;
    }
    printf("%-5s %-32s %-8s %-9s %s\n", "ID", "SLUG", "SEVERITY", "FAMILY", "SUMMARY");
    for (int i = 0; i < RULE_COUNT; i++) {
        const RuleInfo *ri = &rule_table[i];
        printf("%-5s %-32s %-8s %-9s %s (guide %s)\n", ri->id, ri->slug, severity_name(ri->severity), ri->family,
               ri->summary, ri->guide);
    }
    return EXIT_CLEAN;
}

int cmd_explain(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--help") == 0) {
        fputs(explain_usage, stdout);
        return EXIT_CLEAN;
    }
    if (argc != 2) {
        cli_error("explain takes one rule id (see 'dbaudit explain --help')");
        return EXIT_USAGE;
    }
    int id = rule_lookup(argv[1]);
    if (id < 0) {
        cli_error("unknown rule '%s' (see 'dbaudit rules')", argv[1]);
        return EXIT_USAGE;
    }
    const char *doc = rule_doc(rule_table[id].id);
    if (!doc) {
        cli_error("rule %s has no documentation", rule_table[id].id);
        return EXIT_UNAUDITABLE;
    }
    fputs(doc, stdout);
    return EXIT_CLEAN;
}
