/* dump.h - the code model as text, for `dbaudit scan --print-code` and
 * snapshot tests. */
#ifndef DBAUDIT_CODE_DUMP_H
#define DBAUDIT_CODE_DUMP_H

#include <stdio.h>

#include "code/code.h"

void code_dump(FILE *out, const CodeBase *cb);

#endif
