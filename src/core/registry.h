/* registry.h - the rule registry, generated from rules.def. */
#ifndef DBAUDIT_REGISTRY_H
#define DBAUDIT_REGISTRY_H

#include <stdbool.h>

typedef enum Severity {
    SEV_INFO = 0,
    SEV_WARNING = 1,
    SEV_ERROR = 2,
    SEV_NONE = 3 /* only as a --fail-on threshold: never fail */
} Severity;

typedef struct RuleInfo {
    const char *id, *slug;
    Severity severity;
    const char *family, *guide;
    unsigned needs; /* SCHEMA_HAS_* */
    const char *summary, *why;
} RuleInfo;

typedef enum RuleId {
#define RULE(id, ...) RULE_##id,
#include "core/rules.def"
#undef RULE
    RULE_COUNT
} RuleId;

extern const RuleInfo rule_table[RULE_COUNT];

/* The rule with this id or slug (case-insensitive), or -1. */
int rule_lookup(const char *id_or_slug);

const char *severity_name(Severity s);
/* Parses "error", "warning", "info", "none"; returns false otherwise. */
bool severity_parse(const char *s, Severity *out);

#endif
