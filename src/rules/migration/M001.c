/* M001: placeholder until written. */
#include "rules/rule.h"

void rule_M001(RuleCtx *c)
{
    (void)c;
}
