/* M005: placeholder until written. */
#include "rules/rule.h"

void rule_M005(RuleCtx *c)
{
    (void)c;
}
