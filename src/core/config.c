/* config.c - built-in name lists for the heuristics; see config.h. */
#include "core/config.h"

#include <ctype.h>
#include <fnmatch.h>
#include <pthread.h>
#include <string.h>

#include "core/arena.h"

#define LIST(...)                                                                                  \
    {                                                                                              \
        (const char *const[]){__VA_ARGS__},                                                        \
            (int)(sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *))               \
    }

static const AuditConfig defaults = {
    .tenant_column = "tenant_id",
    .tenant_setting = "app.current_tenant_id",
    .tenant_tables = LIST("tenants"),
    .user_tables = LIST("users"),
    .soft_delete_columns = LIST("deleted_at", "archived_at", "removed_at", "is_deleted", "deleted",
                                "is_archived"),
    .financial_words = LIST("payment", "payments", "transaction", "transactions", "refund", "refunds",
                            "ledger", "ledgers", "royalty", "royalties", "audit", "audits", "history",
                            "histories", "invoice", "invoices", "payout", "payouts", "settlement",
                            "settlements", "charge", "charges", "chargeback", "chargebacks", "receipt",
                            "receipts", "journal", "journals"),
    .external_id_columns = LIST("external_*", "*_external_id", "ext_*", "stripe_*", "paypal_*",
                                "braintree_*", "square_*", "adyen_*", "provider_*", "*_provider_id",
                                "google_*", "apple_*", "facebook_*", "github_*", "auth0_*",
                                "firebase_*", "cognito_*", "okta_*", "twilio_*", "sendgrid_*",
                                "mailgun_*", "shopify_*", "hubspot_*", "salesforce_*", "chain_id",
                                "*_tx_id", "*_hash_id", "session_id", "request_id", "correlation_id",
                                "trace_id", "span_id", "device_id", "message_id", "job_id", "idempotency_*"),
    .secret_columns = LIST("*token", "*_token_*", "*secret*", "*hash", "*_hash_*", "hashed*", "*_hashed",
                           "*nonce*", "*api_key*", "*apikey*", "*salt"),
    .user_role_columns = LIST("owner_id", "buyer_id", "seller_id", "author_id", "creator_id",
                              "recipient_id", "purchaser_id", "organizer_id", "assignee_id",
                              "reviewer_id", "sender_id", "receiver_id", "payer_id", "payee_id",
                              "approver_id", "actor_id", "holder_id", "original_owner_id",
                              "previous_owner_id", "new_owner_id", "from_user_id", "to_user_id"),
    .money_columns = LIST("price", "*_price", "amount", "*_amount", "total", "*_total", "subtotal",
                          "cost", "*_cost", "fee", "*_fee", "fees", "*_fees", "balance", "*_balance",
                          "*_cents", "tax", "*_tax", "payout", "*_payout", "credit", "credits",
                          "debit", "debits"),
    .quantity_columns = LIST("quantity", "*_quantity", "qty", "*_qty", "capacity", "*_capacity",
                             "available", "*_available", "stock", "*_stock", "remaining",
                             "*_remaining", "inventory", "*_inventory", "seats_sold", "tickets_sold",
                             "sold_count", "reserved_count", "max_per_order", "limit_per_user"),
    .percent_columns = LIST("percent", "*_percent", "percentage", "*_percentage", "*_pct", "pct",
                            "*_bps", "*_basis_points"),
    .status_columns = LIST("status", "*_status"),
    .account_tables = LIST("users", "user", "accounts", "account", "members", "admins", "*_users",
                           "*_accounts"),
    .email_columns = LIST("email", "email_address"),
    .slug_columns = LIST("slug"),
    .serial_columns = LIST("serial_number", "serial", "ticket_serial", "ticket_number", "serial_no"),
    .idempotency_columns = LIST("idempotency_key", "idempotency_token", "idempotency_id"),
    .seat_event_columns = LIST("event_id", "performance_id", "showtime_id", "session_id"),
    .seat_section_columns = LIST("section", "section_id", "section_name", "area"),
    .seat_row_columns = LIST("row", "row_name", "row_label", "seat_row", "row_number"),
    .seat_number_columns = LIST("seat", "seat_number", "seat_no", "seat_label"),
    .required_references = LIST("tickets.event_id", "payments.user_id", "purchases.user_id",
                                "orders.user_id", "order_items.order_id", "tickets.ticket_type_id",
                                "refunds.payment_id", "listings.ticket_id", "resales.ticket_id",
                                "resale_listings.ticket_id"),
};

const AuditConfig *config_default(void)
{
    return &defaults;
}

/* Globs are compiled once per list: most are "word", "prefix*" or
 * "*suffix" and are matched with memcmp after a length check; the rest go
 * to fnmatch(3).  The rules call this for every column against a dozen
 * lists, so on a 10,000-table catalog it is a hot path. */
typedef struct Pattern {
    const char *pat;
    size_t pre, post; /* lengths of the fixed text before / after the star */
    char kind;        /* 'e' exact, 's' one star, 'f' fnmatch */
} Pattern;

/* One process-wide cache, filled on first use of each list: lookups read
 * it without a lock (a slot's key is published after its patterns), the
 * rare first compile of a list takes the lock.  Several threads audit
 * databases at once (dbaudit db with several --dsn). */
typedef struct Compiled {
    const char *const *key; /* the list's array: StrLists are copied around */
    Pattern *p;
} Compiled;

enum { MAX_LISTS = 64 };
static Compiled compiled[MAX_LISTS];
static pthread_mutex_t compile_lock = PTHREAD_MUTEX_INITIALIZER;

static const Pattern *find_compiled(const StrList *globs)
{
    for (int i = 0; i < MAX_LISTS; i++) {
        const char *const *k = __atomic_load_n(&compiled[i].key, __ATOMIC_ACQUIRE);
        if (k == globs->v)
            return compiled[i].p;
        if (!k)
            return NULL;
    }
    return NULL;
}

static const Pattern *compile(const StrList *globs)
{
    const Pattern *found = find_compiled(globs);
    if (found)
        return found;
    pthread_mutex_lock(&compile_lock);
    found = find_compiled(globs);
    for (int i = 0; !found && i < MAX_LISTS; i++) {
        if (compiled[i].key)
            continue;
        Pattern *p = xmalloc(sizeof(Pattern) * (size_t)(globs->n + 1));
        for (int k = 0; k < globs->n; k++) {
            const char *g = globs->v[k], *star = strchr(g, '*');
            size_t len = strlen(g);
            p[k].pat = g;
            if (strpbrk(g, "?[\\") || (star && strchr(star + 1, '*')))
                p[k].kind = 'f';
            else if (!star)
                p[k].kind = 'e', p[k].pre = len, p[k].post = 0;
            else
                p[k].kind = 's', p[k].pre = (size_t)(star - g), p[k].post = len - (size_t)(star - g) - 1;
        }
        compiled[i].p = p;
        __atomic_store_n(&compiled[i].key, globs->v, __ATOMIC_RELEASE);
        found = p;
    }
    pthread_mutex_unlock(&compile_lock);
    return found; /* NULL: more lists than slots, matched uncompiled */
}

static bool match_one(const Pattern *p, const char *s, size_t n)
{
    switch (p->kind) {
    case 'e': return n == p->pre && memcmp(p->pat, s, n) == 0;
    case 's':
        return n >= p->pre + p->post && memcmp(p->pat, s, p->pre) == 0 &&
               memcmp(p->pat + p->pre + 1, s + n - p->post, p->post) == 0;
    default: return fnmatch(p->pat, s, 0) == 0;
    }
}

bool name_matches(const char *name, const StrList *globs)
{
    char low[256];
    size_t i = 0;
    for (; name[i] && i + 1 < sizeof low; i++)
        low[i] = (char)tolower((unsigned char)name[i]);
    low[i] = '\0';
    const Pattern *p = compile(globs);
    for (int k = 0; k < globs->n; k++) {
        if (p ? match_one(&p[k], low, i) : fnmatch(globs->v[k], low, 0) == 0)
            return true;
    }
    return false;
}
