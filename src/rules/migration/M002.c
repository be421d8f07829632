/* M002: placeholder until written. */
#include "rules/rule.h"

void rule_M002(RuleCtx *c)
{
    (void)c;
}
