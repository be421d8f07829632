/* M004: placeholder until written. */
#include "rules/rule.h"

void rule_M004(RuleCtx *c)
{
    (void)c;
}
