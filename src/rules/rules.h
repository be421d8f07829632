/* rules.h - running the rules over a schema model. */
#ifndef DBAUDIT_RULES_H
#define DBAUDIT_RULES_H

#include <stdbool.h>

#include "core/config.h"
#include "core/report.h"
#include "schema/schema.h"

typedef struct RuleSelection {
    bool off[RULE_COUNT]; /* rules switched off by the user */
} RuleSelection;

struct DataPlan;

/* Runs every selected schema rule whose needs the model satisfies and, when
 * plan is not NULL, plans every selected data rule's checks into it (run
 * them with datarun()).  When the model lacks parts (Schema.have), adds one
 * audit-incomplete finding that names what could not be read (gaps, one
 * line) and which rules did not run (an error), or that no selected rule
 * needed it (info). */
void rules_run(const Schema *s, const AuditConfig *cfg, const RuleSelection *sel, const char *gaps, Report *r,
               struct DataPlan *plan);

struct ScanProject;
struct RuleCtx;

/* Calls the function of rule c->rule with c (for rules that need another
 * rule's verdict on the same model, on a scratch report). */
void rules_call(struct RuleCtx *c);

/* Runs every selected migration (M) and knexfile (K) rule on what the scan
 * of one project recorded.  Schema rules run through rules_run() on the
 * project's model. */
void rules_run_project(const struct ScanProject *p, Schema *db, const AuditConfig *cfg, const RuleSelection *sel,
                       Report *r);

#endif
