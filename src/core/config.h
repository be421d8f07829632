/* config.h - the names the heuristics look for.
 *
 * Rules that infer intent from names (a tenant column, soft-delete columns,
 * financial tables, money columns...) read these lists instead of literals,
 * so a project can adapt them.  Every list holds fnmatch(3) globs matched
 * against lower-cased names.  config_default() gives the built-in lists,
 * which follow the TicketToken audit guide.
 */
#ifndef DBAUDIT_CONFIG_H
#define DBAUDIT_CONFIG_H

#include <stdbool.h>

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
} AuditConfig;

const AuditConfig *config_default(void);

/* True when name (compared lower-case) matches one of the globs. */
bool name_matches(const char *name, const StrList *globs);

#endif
