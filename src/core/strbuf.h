/* strbuf.h - growable, always NUL-terminated heap string.
 *
 * Used to build messages, fixes and report output.  sb_fini() frees;
 * sb_take() hands the buffer to the caller (free() it).  Out of memory
 * exits the process (see arena.h).
 */
#ifndef DBAUDIT_STRBUF_H
#define DBAUDIT_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct StrBuf {
    char *s;
    size_t len, cap;
} StrBuf;

#define STRBUF_INIT {NULL, 0, 0}

void sb_init(StrBuf *b);
void sb_fini(StrBuf *b);
void sb_reset(StrBuf *b);
char *sb_take(StrBuf *b);
void sb_putc(StrBuf *b, char c);
void sb_puts(StrBuf *b, const char *s);
void sb_putn(StrBuf *b, const char *s, size_t n);
void sb_printf(StrBuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vprintf(StrBuf *b, const char *fmt, va_list ap);
/* The contents; "" when empty, never NULL. */
const char *sb_str(const StrBuf *b);

#endif
