/* strmap.c - arena-backed string hash map; see strmap.h. */
#include "core/strmap.h"

#include <string.h>

uint64_t hash_fnv1a(const void *data, size_t n, uint64_t h)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

void strmap_init(StrMap *m, Arena *arena)
{
    m->arena = arena;
    m->slots = NULL;
    m->cap = m->n = 0;
}

static size_t find_slot(const StrMapSlot *slots, size_t cap, const char *key)
{
    size_t i = (size_t)hash_fnv1a(key, strlen(key), HASH_FNV_SEED) & (cap - 1);
    while (slots[i].key && strcmp(slots[i].key, key) != 0)
        i = (i + 1) & (cap - 1);
    return i;
}

static void rehash(StrMap *m, size_t cap)
{
    StrMapSlot *slots = arena_alloc(m->arena, cap * sizeof *slots);
    for (size_t i = 0; i < m->cap; i++)
        if (m->slots[i].key)
            slots[find_slot(slots, cap, m->slots[i].key)] = m->slots[i];
    m->slots = slots;
    m->cap = cap;
}

void strmap_reserve(StrMap *m, size_t n)
{
    size_t cap = m->cap ? m->cap : 16;
    while ((n + 1) * 4 >= cap * 3)
        cap *= 2;
    if (cap > m->cap)
        rehash(m, cap);
}

void strmap_put(StrMap *m, const char *key, void *value)
{
    if ((m->n + 1) * 4 >= m->cap * 3)
        rehash(m, m->cap ? m->cap * 2 : 16);
    size_t i = find_slot(m->slots, m->cap, key);
    if (!m->slots[i].key) {
        m->slots[i].key = key;
        m->n++;
    }
    m->slots[i].value = value;
}

void *strmap_get(const StrMap *m, const char *key)
{
    if (!m->cap)
        return NULL;
    return m->slots[find_slot(m->slots, m->cap, key)].value;
}
