/* report_dot.c - placeholder until the integrity map writer lands. */
#include "core/report.h"

int report_write_dot(FILE *out, const Report *r)
{
    (void)r;
    fputs("dbaudit: --format dot is not available yet\n", stderr);
    (void)out;
    return -1;
}
