/* report_html.c - placeholder until the integrity map writer lands. */
#include "core/report.h"

int report_write_html(FILE *out, const Report *r)
{
    (void)r;
    fputs("dbaudit: --format html is not available yet\n", stderr);
    (void)out;
    return -1;
}
