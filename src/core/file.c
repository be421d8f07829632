/* file.c - see file.h. */
#include "core/file.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

char *file_read_all(Arena *a, const char *path, size_t max, size_t *len, const char **why)
{
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        *why = strerror(errno);
        return NULL;
    }
    char *buf = NULL;
    struct stat st;
    if (fstat(fileno(f), &st) != 0) {
        *why = strerror(errno);
    } else if (S_ISDIR(st.st_mode)) {
        *why = "is a folder";
    } else if ((unsigned long long)st.st_size > max) {
        *why = arena_printf(a, "larger than %zu MiB; not read", max >> 20);
    } else {
        buf = arena_alloc_raw(a, (size_t)st.st_size + 1);
        *len = fread(buf, 1, (size_t)st.st_size, f);
        if (ferror(f)) {
            *why = strerror(errno);
            buf = NULL;
        } else {
            buf[*len] = 0;
        }
    }
    fclose(f);
    return buf;
}
