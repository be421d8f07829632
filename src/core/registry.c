/* registry.c - the rule table, expanded from rules.def. */
#include "core/registry.h"

#include <strings.h>

#include "schema/schema.h"

const RuleInfo rule_table[RULE_COUNT] = {
#define RULE(id_, slug_, sev_, fam_, guide_, needs_, summary_, why_)           \
    {#id_, slug_, sev_, fam_, guide_, needs_, summary_, why_},
#include "core/rules.def"
#undef RULE
};

int rule_lookup(const char *s)
{
    for (int i = 0; i < RULE_COUNT; i++)
        if (strcasecmp(rule_table[i].id, s) == 0 || strcasecmp(rule_table[i].slug, s) == 0)
            return i;
    return -1;
}

const char *severity_name(Severity s)
{
    switch (s) {
    case SEV_ERROR: return "error";
    case SEV_WARNING: return "warning";
    case SEV_INFO: return "info";
    default: return "none";
    }
}

bool severity_parse(const char *s, Severity *out)
{
    static const struct { const char *name; Severity sev; } names[] = {
        {"error", SEV_ERROR}, {"warning", SEV_WARNING}, {"info", SEV_INFO}, {"none", SEV_NONE}};
    for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcasecmp(s, names[i].name) == 0) {
            *out = names[i].sev;
            return true;
        }
    return false;
}
