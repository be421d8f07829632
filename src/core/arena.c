/* arena.c - bump allocator; see arena.h.
 *
 * Blocks start at 64 KiB and double up to 4 MiB; a request larger than a
 * block gets a block of its own.  A 10,000-table catalog (about 40 MB of
 * model and findings) takes a few dozen blocks.
 */
#include "core/arena.h"

#if defined(__linux__) && !defined(_GNU_SOURCE)
#define _GNU_SOURCE /* mallopt, madvise */
#endif
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ArenaBlock {
    ArenaBlock *prev;
    size_t size, off;
    max_align_t data[]; /* payload */
};

enum { BLOCK_MIN = 64 * 1024, BLOCK_MAX = 4 * 1024 * 1024 };

#if defined(__linux__) && defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

/* Reading a 10,000-table catalog touches about 150 MB of fresh memory in
 * the client (libpq's results, the model, the findings).  Where each first
 * touch of a 4 KiB page costs a fault (several microseconds in a virtual
 * machine), those faults took a third of the client's time; with the heap
 * reserved up front and backed by 2 MiB pages there are a few hundred
 * (bench/catalog.sh: 38,000 faults and 1.15 s before, 6,000-8,000 and
 * 0.8-1.0 s after, on 2 cores).  The reservation is address space only:
 * nothing is resident until it is used. */
void memory_for_bulk_work(void)
{
    enum { RESERVE = 512 << 20, HUGE = 2 << 20 };
    mallopt(M_ARENA_MAX, 1);
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, RESERVE);
    mallopt(M_TOP_PAD, RESERVE);
    uintptr_t lo = (uintptr_t)sbrk(0);
    void *volatile grow = malloc(1 << 20); /* more than the heap has free: it grows by the pad */
    free(grow);
    uintptr_t hi = (uintptr_t)sbrk(0);
    mallopt(M_TOP_PAD, 0);
    if (lo == (uintptr_t)-1 || hi == (uintptr_t)-1 || hi <= lo)
        return;
    uintptr_t start = (lo + HUGE - 1) & ~(uintptr_t)(HUGE - 1), end = hi & ~(uintptr_t)(HUGE - 1);
    if (end > start)
        (void)madvise((void *)start, end - start, MADV_HUGEPAGE);
}
#else
void memory_for_bulk_work(void)
{
}
#endif

_Noreturn void die_oom(void)
{
    fputs("dbaudit: out of memory\n", stderr);
    exit(3);
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        die_oom();
    return p;
}

void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        die_oom();
    return p;
}

char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}

void arena_init(Arena *a)
{
    a->head = NULL;
    a->used = 0;
}

void arena_fini(Arena *a)
{
    ArenaBlock *b = a->head;
    while (b) {
        ArenaBlock *prev = b->prev;
        free(b);
        b = prev;
    }
    a->head = NULL;
    a->used = 0;
}

void arena_reset(Arena *a)
{
    ArenaBlock *b = a->head;
    if (!b)
        return;
    ArenaBlock *prev = b->prev;
    while (prev) {
        ArenaBlock *p = prev->prev;
        free(prev);
        prev = p;
    }
    b->prev = NULL;
    b->off = 0;
    a->used = 0;
}

void *arena_alloc_raw(Arena *a, size_t size)
{
    const size_t align = sizeof(max_align_t);
    size = (size + align - 1) & ~(align - 1);
    ArenaBlock *b = a->head;
    if (!b || b->size - b->off < size) {
        size_t bs = b ? b->size * 2 : BLOCK_MIN;
        if (bs > BLOCK_MAX)
            bs = BLOCK_MAX;
        if (bs < size)
            bs = size;
        ArenaBlock *nb = malloc(sizeof(ArenaBlock) + bs);
        if (!nb)
            die_oom();
        nb->size = bs;
        nb->off = 0;
        nb->prev = b;
        a->head = nb;
        b = nb;
    }
    void *p = (char *)b->data + b->off;
    b->off += size;
    a->used += size;
    return p;
}

void *arena_alloc(Arena *a, size_t size)
{
    void *p = arena_alloc_raw(a, size);
    memset(p, 0, size);
    return p;
}

char *arena_strndup(Arena *a, const char *s, size_t n)
{
    char *p = arena_alloc_raw(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(Arena *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_vprintf(Arena *a, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        n = 0;
    char *p = arena_alloc_raw(a, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *arena_printf(Arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = arena_vprintf(a, fmt, ap);
    va_end(ap);
    return p;
}

void *arena_memdup(Arena *a, const void *p, size_t n, size_t sz)
{
    if (n == 0)
        return NULL;
    void *q = arena_alloc_raw(a, n * sz);
    memcpy(q, p, n * sz);
    return q;
}
