/* M003: placeholder until written. */
#include "rules/rule.h"

void rule_M003(RuleCtx *c)
{
    (void)c;
}
