/* file.h - reading a whole text file into an arena. */
#ifndef DBAUDIT_FILE_H
#define DBAUDIT_FILE_H

#include <stddef.h>

#include "core/arena.h"

/* The file's bytes, NUL-terminated, in a (*len: their count).  NULL with
 * *why set (one line, static or in a) when it cannot be opened or read or
 * is larger than max bytes. */
char *file_read_all(Arena *a, const char *path, size_t max, size_t *len, const char **why);

#endif
