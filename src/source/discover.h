/* discover.h - finding Knex projects and their migrations on disk.
 *
 * A project is a folder with a knexfile (its configs name the migration
 * folders), or a migrations folder no knexfile claims, or one migration
 * file given on the command line.  Discovery lists each project's
 * migrations in the order Knex runs them and reads its knexfiles; it does
 * not read the migrations themselves.
 */
#ifndef DBAUDIT_DISCOVER_H
#define DBAUDIT_DISCOVER_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/report.h"
#include "source/knexfile.h"

typedef struct DiscoveredProject {
    const char *name; /* reported name: its folder relative to the scan root ("services/platform"), or "." */
    const char *root; /* its folder path as reachable from the cwd */
    Knexfile **knexfiles;
    int nknexfiles; /* read with knexfile_read() */
    /* Migration file paths in the order Knex runs them.  A *.up.sql /
     * *.down.sql pair is listed once, by its up file; the down file is the
     * same path with ".up.sql" replaced by ".down.sql". */
    const char **migrations;
    int nmigrations;
    bool sql_migrations; /* some migration is a .sql file */
    /* Its data-access code: TypeScript and JavaScript under its folder that
     * are not migrations, knexfiles, tests, seeds or bundles.  Code outside
     * every project's folder belongs to the one project of its scan root,
     * or, when the root holds none or several, to a project of its own with
     * no migrations (nmigrations 0, no knexfiles). */
    const char **code;
    int ncode;
} DiscoveredProject;

typedef struct DiscoverOptions {
    const char *const *excludes; /* fnmatch globs, against the path relative to the scan root and the base name */
    int nexcludes;
} DiscoverOptions;

/* Largest migration file read; larger ones are reported (A003) and skipped. */
#define DISCOVER_MAX_FILE_BYTES (32u << 20)

/* Finds the projects under each path (a folder, a knexfile, or a single
 * migration file) and stores them, sorted by name, in *out (arena memory).
 * Problems on the way (an unreadable folder, a symlink loop, a file that is
 * not UTF-8 or is too large) become A003 findings in r and the walk goes
 * on.  Returns the number of projects, or -1 with a message in err when a
 * path does not exist. */
int discover(const char *const *paths, int npaths, const DiscoverOptions *opt, Arena *a, Report *r,
             DiscoveredProject **out, char *err, size_t errlen);

/* Lexical normalisation of a path: "a/./b/../c" -> "a/c"; "" -> ".". */
const char *path_normalize(Arena *a, const char *path);

#endif
