/* knexfile.h - what a knexfile configures, read statically.
 *
 * src/source/knexfile.c reads knexfile.{js,ts,cjs,mjs} with tree-sitter,
 * without running it: the configuration objects (one per environment, or
 * the single exported one), their migration settings (which discovery uses
 * to find migrations) and the pool and connection settings the knexfile
 * rules (src/rules/config/K###.c) judge.
 *
 * A knexfile is a program, so some of it cannot be known without running
 * it: a config returned by a function, a pool spread from require().  Every
 * setting therefore says whether it is absent, present with a literal
 * value, present with a value computed at run time (still "set"), or
 * unknown; rules report only what is certain and stay silent on unknowns.
 *
 * Everything lives in the arena given to knexfile_read().
 */
#ifndef DBAUDIT_KNEXFILE_H
#define DBAUDIT_KNEXFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/report.h"
#include "schema/schema.h"

typedef enum KnexState {
    KNEX_ABSENT = 0, /* certainly not set */
    KNEX_LITERAL,    /* set to a literal (KnexSetting.num / .str hold it) */
    KNEX_DYNAMIC,    /* set to something computed at run time: counts as set */
    KNEX_UNKNOWN     /* cannot tell statically whether or how it is set */
} KnexState;

typedef struct KnexSetting {
    KnexState state;
    double num;      /* KNEX_LITERAL numbers */
    const char *str; /* KNEX_LITERAL strings; source text of a dynamic value */
    Origin origin;   /* of the key; the enclosing object's when absent */
} KnexSetting;

/* How pool.afterCreate handles its done callback (rule K005). */
typedef enum KnexDone {
    DONE_OK = 0,     /* called exactly once on every path */
    DONE_UNKNOWN,    /* the body does something the analysis cannot follow */
    DONE_NO_PARAM,   /* fewer than two parameters: done is never received */
    DONE_NEVER,      /* never called */
    DONE_SOME_PATHS, /* not called on some path (path names it) */
    DONE_TWICE       /* called more than once on some path */
} KnexDone;

/* A SQL text (string or template literal) an afterCreate function or a
 * connection option sends on every new connection.  Template
 * substitutions read as "?". */
typedef struct KnexSql {
    const char *text;
    Origin origin;
} KnexSql;

typedef struct KnexHook {
    Origin origin;        /* the afterCreate key */
    const char *where;    /* "pool", "config" or "connection" (K004 for the last two) */
    bool readable;        /* its value is a function dbaudit can read */
    KnexDone done;
    const char *done_name; /* the second parameter's name */
    const char *path;      /* DONE_SOME_PATHS / DONE_TWICE: "when the query fails" */
    Origin done_origin;    /* the function, or the call that makes it twice */
    VEC(KnexSql) sql;      /* the SQL texts in its body */
} KnexHook;

typedef struct KnexConfig {
    const char *env; /* "production", or NULL for the one exported config */
    Origin origin;   /* the config object */
    bool open;       /* holds a spread or part dbaudit could not read: absent keys may be set */
    KnexSetting client;     /* string value when literal */
    KnexSetting connection; /* LITERAL: an object or a string dbaudit read */
    KnexSetting pool;       /* LITERAL: an object literal dbaudit read */
    bool pool_open;         /* the pool object holds an unreadable spread */
    KnexSetting pool_min, pool_max, acquire_timeout;
    /* The config-level acquireConnectionTimeout: Knex uses the smaller of it
     * (default 60000) and pool.acquireTimeoutMillis. */
    KnexSetting acquire_connection_timeout;
    /* statement_timeout: LITERAL when found (origin: where), ABSENT when
     * certainly missing, UNKNOWN when some source could not be read. */
    KnexSetting statement_timeout;
    VEC(KnexHook) hooks;         /* every afterCreate: pool's and misplaced ones */
    VEC(KnexSql) connection_sql; /* connection options ("-c name=value") and connection strings */
    /* migrations */
    bool migrations_known;       /* false: the migrations value could not be read */
    const char **migration_dirs; /* NULL-terminated, relative to the knexfile's folder; NULL: default */
    Origin migration_dirs_origin; /* the directory key */
    const char *migration_table; /* tableName, or NULL */
    const char **load_extensions; /* NULL-terminated, or NULL for Knex's defaults */
    bool sort_dirs_separately;
    const char *search_path; /* first schema of searchPath, or NULL: where unqualified names go */
} KnexConfig;

typedef struct Knexfile {
    const char *path;
    const char *text; /* the file as read (for suppression comments), or NULL */
    size_t len;
    bool parsed;   /* false: could not be read at all (A003 raised) */
    bool complete; /* false: the exported value could not be read entirely */
    VEC(KnexConfig) configs;
} Knexfile;

/* Reads and analyses the knexfile at path.  Never NULL: a file that cannot
 * be read or parsed gives a Knexfile with parsed false (or with what could
 * still be read) and an A003 finding in r.  Findings carry no database:
 * the caller sets it. */
Knexfile *knexfile_read(const char *path, Arena *a, Report *r);

/* The same on a text already in memory (src must outlive the result). */
Knexfile *knexfile_read_text(const char *path, const char *src, size_t len, Arena *a, Report *r);

/* For rules: a finding at o in the knexfile, attributed to database, with
 * key as fingerprint identity.  The message is printf-formatted. */
Finding *knexfile_finding(Report *r, RuleId rule, const char *database, const Origin *o, const char *key,
                          const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Several environments often share one object (a base spread into each):
 * a problem at the same place is reported once, naming them all.  Returns
 * false when a config before index i has the same origin according to
 * pick (it was reported then); otherwise true with *envs set to the
 * comma-separated names of config i and every later config sharing it
 * ("development, production"; "config" for the unnamed one). */
bool knexfile_envs_at(Arena *a, const Knexfile *kf, int i, const Origin *(*pick)(const KnexConfig *, void *),
                      void *arg, const char **envs);

/* "production" or "config": how messages name a configuration. */
const char *knexfile_env_name(const KnexConfig *c);

/* True for a client that talks to a PostgreSQL server (pg, postgres,
 * postgresql, pgnative, or not given). */
bool knexfile_client_is_pg(const KnexConfig *c);

#endif
