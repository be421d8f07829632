/* baseline.h - findings accepted as they stand, so a run reports only new
 * ones.
 *
 * A baseline counts findings by identity: the rule, the source (database or
 * project), the object (or the file, for findings on no object) and the
 * rule's key for the finding (constraint name, column list...), or, for
 * rules that give none, the message with every number replaced by '#'.
 * No line number is part of it, so inserting lines above a finding does not
 * make it new; a count instead of line numbers tells two identical findings
 * from three.
 *
 * The file is JSON, one finding identity per line, sorted, so a change to
 * the accepted findings reads as a small diff:
 *
 *   {
 *     "version": 1,
 *     "findings": [
 *       {"rule":"M001","source":"api","object":"public.events","key":"events_tenant_id_foreign","count":1,"message":"..."},
 *       {"rule":"S012","source":"api","object":"public.orders.total","key":"total","count":1,"message":"..."}
 *     ]
 *   }
 *
 * ("message" is there for the reader and is ignored when reading.)
 */
#ifndef DBAUDIT_BASELINE_H
#define DBAUDIT_BASELINE_H

#include <stddef.h>

#include "core/report.h"

typedef struct Baseline Baseline;

/* Reads a baseline file.  NULL with err set when it cannot be read or is
 * not a baseline (bad JSON, unknown version, an entry without rule or key). */
Baseline *baseline_read(const char *path, char *err, size_t errlen);
void baseline_free(Baseline *b);

/* Removes from r the findings b accounts for: an identity counted n times
 * hides its first n findings in report order; the rest stay, as new.
 * Returns the number removed. */
int baseline_apply(const Baseline *b, Report *r);

/* Writes r's findings to path as a baseline ("-": standard output).
 * Returns 0, or -1 with err set. */
int baseline_write(const char *path, const Report *r, char *err, size_t errlen);

#endif
