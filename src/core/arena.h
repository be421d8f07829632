/* arena.h - bump allocator for one unit of work.
 *
 * Everything a run builds (the schema model, findings, messages) lives in
 * one arena and is released at once with arena_free().  Allocation never
 * fails from the caller's point of view: when malloc fails the process
 * prints a message and exits with status 3, because there is no useful
 * partial result an auditor could report at that point.
 */
#ifndef DBAUDIT_ARENA_H
#define DBAUDIT_ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct ArenaBlock ArenaBlock;

typedef struct Arena {
    ArenaBlock *head; /* newest block, the one we allocate from */
    size_t used;      /* bytes handed out, for statistics */
} Arena;

void arena_init(Arena *a);
void arena_fini(Arena *a);
/* Forgets everything allocated, keeping one block for reuse: for scratch
 * arenas that serve one item after another. */
void arena_reset(Arena *a);

/* Zeroed, aligned for any type. */
void *arena_alloc(Arena *a, size_t size);
/* The same without zeroing, for memory the caller fills at once. */
void *arena_alloc_raw(Arena *a, size_t size);
/* Copy of s (NULL stays NULL). */
char *arena_strdup(Arena *a, const char *s);
char *arena_strndup(Arena *a, const char *s, size_t n);
/* printf into the arena. */
char *arena_printf(Arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
char *arena_vprintf(Arena *a, const char *fmt, va_list ap);
/* Copy of an array of n elements of size sz (NULL when n is 0). */
void *arena_memdup(Arena *a, const void *p, size_t n, size_t sz);

/* Aborts with exit status 3 after printing "dbaudit: out of memory". */
_Noreturn void die_oom(void);

/* For a command that builds a large model in one go (dbaudit db): asks
 * malloc to keep what it gets (no trimming, no separate mappings, one heap
 * for every thread) and the kernel to back the heap with transparent huge
 * pages where it offers them.  Call before the first large allocation; a
 * system without them is left as it is. */
void memory_for_bulk_work(void);
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/* A growable array whose storage lives in an arena.  Growth leaves the old
 * copy behind in the arena; doubling keeps that waste under one half. */
#define VEC(T)                                                                 \
    struct {                                                                   \
        T *v;                                                                  \
        int n, cap;                                                            \
    }

/* Room for n items in all, without growing (each growth leaves the old
 * array in the arena). */
#define vec_reserve(arena, vec, count)                                         \
    do {                                                                       \
        int want_ = (count);                                                   \
        if (want_ > (vec)->cap) {                                              \
            void *nv_ = arena_alloc((arena), sizeof(*(vec)->v) * (size_t)want_); \
            if ((vec)->n)                                                      \
                memcpy(nv_, (vec)->v, sizeof(*(vec)->v) * (size_t)(vec)->n);   \
            (vec)->v = nv_;                                                    \
            (vec)->cap = want_;                                                \
        }                                                                      \
    } while (0)

#define vec_push(arena, vec, item)                                             \
    do {                                                                       \
        if ((vec)->n == (vec)->cap)                                            \
            vec_reserve((arena), (vec), (vec)->cap ? (vec)->cap * 2 : 4);      \
        (vec)->v[(vec)->n++] = (item);                                         \
    } while (0)

#endif
