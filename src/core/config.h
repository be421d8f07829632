/* config.h - the names the heuristics look for, and the configuration
 * file that adapts them.
 *
 * Rules that infer intent from names (a tenant column, soft-delete columns,
 * financial tables, money columns...) read these lists instead of literals,
 * so a project can adapt them.  Every list holds fnmatch(3) globs matched
 * against lower-cased names.  config_default() gives the built-in lists,
 * which follow the TicketToken audit guide.
 *
 * A Config is what one run is audited with: the AuditConfig the rules read
 * plus what the configuration file says about rules (off, or another
 * severity), paths to skip and objects whose findings are dropped.  It
 * starts as the built-in defaults; config_load() reads a file (.dbaudit.yml,
 * found by config_find()) on top of them.  The file is YAML or JSON; its
 * parser lives behind configfile.h.
 */
#ifndef DBAUDIT_CONFIG_H
#define DBAUDIT_CONFIG_H

#include <stdbool.h>
#include <stdio.h>

#include "core/arena.h"
#include "core/registry.h"

typedef struct StrList {
    const char *const *v;
    int n;
} StrList;

typedef struct AuditConfig {
    const char *tenant_column;    /* "tenant_id" */
    const char *tenant_setting;   /* "app.current_tenant_id": what policies compare with */
    StrList tenant_tables;        /* the tenants table(s) */
    StrList user_tables;          /* where *_by and user-role columns point */
    StrList soft_delete_columns;  /* deleted_at, archived_at... */
    StrList financial_words;      /* table-name words of financial/history tables */
    StrList external_id_columns;  /* ids of other systems: never foreign keys */
    StrList secret_columns;       /* tokens, secrets, hashes: random values, never re-used */
    StrList user_role_columns;    /* owner_id, buyer_id...: references to users */
    StrList money_columns, quantity_columns, percent_columns, status_columns;
    StrList account_tables;       /* tables whose email identifies one account */
    StrList email_columns, slug_columns, serial_columns, idempotency_columns;
    StrList seat_event_columns, seat_section_columns, seat_row_columns, seat_number_columns;
    StrList required_references;  /* "table.column" globs that must be NOT NULL */
    /* Code rules (globs over names as written in the code, lower-cased): */
    StrList critical_flows;       /* functions that move money or stock: purchase*, *transfer* */
    StrList external_clients;     /* calls to other systems: axios.*, fetch, stripe.* */
    StrList queue_publishers;     /* calls that publish a message: *.publish, *.sendtoqueue */
} AuditConfig;

const AuditConfig *config_default(void);

/* A rule's entry in Config.rules: the rule's own severity, switched off, or
 * a Severity. */
enum { CONFIG_RULE_DEFAULT = -1, CONFIG_RULE_OFF = SEV_NONE };

typedef struct Config {
    AuditConfig audit;             /* what the rules read */
    signed char rules[RULE_COUNT]; /* CONFIG_RULE_DEFAULT, CONFIG_RULE_OFF or a Severity */
    StrList exclude;               /* scan: path globs, added to --exclude */
    StrList ignore;                /* object globs: findings on matching objects are dropped */
    const char *path;              /* the file read; NULL: the built-in defaults alone */
    Arena arena;                   /* the file's values */
} Config;

/* The file names config_find() looks for, in this order, in each folder. */
#define CONFIG_FILE_NAMES ".dbaudit.yml", ".dbaudit.yaml", ".dbaudit.json"

/* c = the built-in defaults; config_fini() releases what config_load() read. */
void config_init(Config *c);
void config_fini(Config *c);

/* Looks for a configuration file in dir, then in each folder above it,
 * stopping after the first folder that holds a .git entry (the top of a
 * repository) or at the file system root.  Returns its path (in a): relative
 * when it lies in the current folder or below, else absolute; NULL when
 * there is none or dir does not exist. */
const char *config_find(Arena *a, const char *dir);

/* Reads the file at path over c's values: a list given replaces the
 * built-in one, {add: [...], remove: [...]} edits it.  Returns 0, or -1
 * with *err ("path:line: what", in c->arena) on a file that cannot be read
 * or parsed, an unknown key or rule, or a value of the wrong type; c is
 * then partly loaded and should only be freed. */
int config_load(Config *c, const char *path, const char **err);

/* Prints c as a YAML configuration file that config_load() reads back to
 * the same Config.  Returns 0, or -1 when the stream failed. */
int config_print(FILE *out, const Config *c);

/* True when a finding on object ("schema.table" or "schema.table.column",
 * as reports print it) is dropped by c->ignore: a glob matches the object
 * or the table it belongs to.  Compared lower-case. */
bool config_ignores(const Config *c, const char *object);

/* True when name (compared lower-case) matches one of the globs. */
bool name_matches(const char *name, const StrList *globs);

#endif
