/* utf8.h - strict UTF-8 validation, for text handed to parsers.
 *
 * libpg_query passes invalid UTF-8 straight into its output, and a
 * migration that is not UTF-8 was not written for Node.js either, so every
 * reader checks its input here first. */
#ifndef DBAUDIT_UTF8_H
#define DBAUDIT_UTF8_H

#include <stddef.h>

#define UTF8_VALID ((size_t)-1)

/* Offset of the first byte that does not start a valid sequence (overlong
 * forms, surrogates and code points above U+10FFFF are invalid), or
 * UTF8_VALID. */
size_t utf8_invalid_at(const char *s, size_t n);

#endif
