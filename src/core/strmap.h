/* strmap.h - string-keyed hash map whose storage lives in an arena.
 *
 * Open addressing with linear probing, FNV-1a hashing.  Keys are not
 * copied: they must outlive the map (in practice they live in the same
 * arena).  Lookups of missing keys return NULL, so values must not be NULL.
 */
#ifndef DBAUDIT_STRMAP_H
#define DBAUDIT_STRMAP_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"

typedef struct StrMapSlot {
    const char *key;
    void *value;
} StrMapSlot;

typedef struct StrMap {
    Arena *arena;
    StrMapSlot *slots;
    size_t cap, n; /* cap is a power of two */
} StrMap;

void strmap_init(StrMap *m, Arena *arena);
/* Room for n keys without growing (each growth leaves the old slots in the
 * arena). */
void strmap_reserve(StrMap *m, size_t n);
/* Insert or replace. */
void strmap_put(StrMap *m, const char *key, void *value);
void *strmap_get(const StrMap *m, const char *key);

/* FNV-1a, 64 bits; also used for fingerprints. */
uint64_t hash_fnv1a(const void *data, size_t n, uint64_t seed);
#define HASH_FNV_SEED 0xcbf29ce484222325ULL

#endif
