/* rules.c - dispatch from the rule table to the rule functions.
 *
 * rules.def lists every rule; each rule X### is a function rule_X###() in
 * src/rules/<family>/X###.c (schema/S, data/D, migration/M, config/K,
 * code/C).  The
 * audit rules (A###) are raised by the code that runs the audit and have
 * empty functions here.
 */
#include "rules/rules.h"

#include <string.h>

#include "core/strbuf.h"
#include "rules/datacheck.h"
#include "rules/rule.h"
#include "migrate/project.h"

#define RULE(id, ...) void rule_##id(RuleCtx *c);
#include "core/rules.def"
#undef RULE

/* A001 is raised here and A002 by the data-check runner: they have empty
 * bodies so the table below is uniform. */
void rule_A001(RuleCtx *c)
{
    (void)c;
}

void rule_A002(RuleCtx *c)
{
    (void)c;
}

/* A003 and A004 are raised by the scanner (not-understood constructs,
 * unused suppressions). */
void rule_A003(RuleCtx *c)
{
    (void)c;
}

void rule_A004(RuleCtx *c)
{
    (void)c;
}

static void (*const rule_fn[RULE_COUNT])(RuleCtx *) = {
#define RULE(id, ...) [RULE_##id] = rule_##id,
#include "core/rules.def"
#undef RULE
};

void rules_call(RuleCtx *c)
{
    rule_fn[c->rule](c);
}

void rules_run(const Schema *s, const AuditConfig *cfg, const RuleSelection *sel, const char *gaps, Report *r,
               DataPlan *plan)
{
    Facts facts;
    facts_build(&facts, s, cfg, &r->arena);
    RuleCtx ctx = {s, cfg, &facts, r, 0, &r->arena, plan, NULL};
    StrBuf skipped = STRBUF_INIT;
    for (int i = 0; i < RULE_COUNT; i++) {
        char family = rule_table[i].id[0];
        if ((family != 'S' && !(family == 'D' && plan)) || (sel && sel->off[i]))
            continue;
        if ((rule_table[i].needs & ~s->have) != 0) {
            sb_printf(&skipped, "%s%s", skipped.len ? ", " : "", rule_table[i].id);
            continue;
        }
        ctx.rule = (RuleId)i;
        rule_fn[i](&ctx);
    }
    if (s->have != SCHEMA_HAS_ALL && !(sel && sel->off[RULE_A001])) {
        Finding *f = report_add(r, RULE_A001, "could not read %s; %s%s",
                                gaps && *gaps ? gaps : "part of the schema",
                                skipped.len ? "these checks did not run: " : "none of the selected checks needed it",
                                sb_str(&skipped));
        if (!skipped.len)
            f->severity = SEV_INFO;
        f->database = s->database;
        f->object = s->database;
        f->group = s->database;
        f->key = "catalog";
    }
    sb_fini(&skipped);
}


void rules_run_project(const ScanProject *p, Schema *db, const AuditConfig *cfg, const RuleSelection *sel,
                       Report *r)
{
    /* table ids follow the model sorted last; another project's code rules
     * may have sorted a shared model since */
    schema_sort(p->schema);
    Facts facts;
    facts_build(&facts, p->schema, cfg, &r->arena);
    RuleCtx ctx = {p->schema, cfg, &facts, r, 0, &r->arena, NULL, p};
    for (int i = 0; i < RULE_COUNT; i++) {
        char family = rule_table[i].id[0];
        if ((family != 'M' && family != 'K') || (sel && sel->off[i]))
            continue;
        ctx.rule = (RuleId)i;
        rule_fn[i](&ctx);
    }
    /* Code rules judge the tables of the whole database the project shares
     * with others (a service reads tables another service creates).  The
     * shared model borrows the projects' tables: table ids follow the model
     * last sorted, so sort it for the facts and give the project its own
     * order back afterwards. */
    if (!p->code)
        return;
    Facts dbfacts;
    if (db && db != p->schema) {
        schema_sort(db);
        facts_build(&dbfacts, db, cfg, &r->arena);
        ctx.s = db;
        ctx.facts = &dbfacts;
    }
    for (int i = 0; i < RULE_COUNT; i++) {
        if (rule_table[i].id[0] != 'C' || (sel && sel->off[i]))
            continue;
        ctx.rule = (RuleId)i;
        rule_fn[i](&ctx);
    }
    if (db && db != p->schema)
        schema_sort(p->schema);
}
