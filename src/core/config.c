/* config.c - built-in name lists for the heuristics, and the
 * configuration file read over them; see config.h.
 *
 * The file's keys are a table (keys[] below): each names a field of Config,
 * its kind and a line of help that `dbaudit config --print` writes beside
 * it, so reading, checking and printing cannot drift apart.
 */
#include "core/config.h"

#include <ctype.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdarg.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/configfile.h"
#include "core/strbuf.h"

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
    .critical_flows = LIST("*purchase*", "*checkout*", "*transfer*", "*royalt*", "*balance*", "*inventory*",
                           "*refund*", "*payout*", "*payment*", "*reserv*", "*resale*", "*settle*", "*buy*",
                           "*wallet*", "*withdraw*"),
    .external_clients = LIST("axios", "axios.*", "*.axios.*", "fetch", "got", "got.*", "superagent.*",
                             "needle.*", "undici.*", "*.httpclient.*", "*httpservice.*",
                             "stripe.*", "*.stripe.*", "paypal*.*", "braintree.*", "square*.*", "adyen.*",
                             "sendgrid.*", "sgmail.*", "*mailer.send*", "*.sendmail", "nodemailer.*",
                             "mailgun.*", "twilio.*", "*.messages.create", "ses.*",
                             "*.ses.*", "*.sns.*", "sns.*", "s3.*", "*.s3.*"),
    .queue_publishers = LIST("*producer.send", "*producer.sendbatch", "*.publish", "*.sendtoqueue",
                             "*channel.publish", "*.sendmessage", "*.sendmessagebatch", "sqs.*", "*.sqs.*",
                             "*queue.add", "*queue.addbulk", "*pubsub.*", "*.topic.publish*"),
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

/* A list about to be freed leaves the cache: its slot keeps a key no list
 * has, so lookups still walk past it (a NULL key ends them). */
static const char *const forgotten[1] = {""};

static void uncompile(const char *const *key)
{
    pthread_mutex_lock(&compile_lock);
    for (int i = 0; i < MAX_LISTS && compiled[i].key; i++)
        if (compiled[i].key == key) {
            __atomic_store_n(&compiled[i].key, forgotten, __ATOMIC_RELEASE);
            free(compiled[i].p);
            compiled[i].p = NULL;
        }
    pthread_mutex_unlock(&compile_lock);
}

bool name_matches(const char *name, const StrList *globs)
{
    if (globs->n == 0)
        return false;
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

/* ---- The configuration file ---- */

typedef enum KeyKind {
    KEY_RULES, /* map: rule id or slug -> off | on | error | warning | info */
    KEY_NAME,  /* one name */
    KEY_GLOBS, /* list of globs, lower-cased (they match lower-cased names) */
    KEY_PATHS  /* list of path globs, kept as written */
} KeyKind;

typedef struct Key {
    const char *name;
    KeyKind kind;
    size_t off; /* of the value in Config */
    const char *help;
} Key;

#define AUDIT(field) (offsetof(Config, audit) + offsetof(AuditConfig, field))

static const Key keys[] = {
    {"rules", KEY_RULES, 0, "rule id or slug: off, on (its own severity), error, warning or info"},
    {"exclude", KEY_PATHS, offsetof(Config, exclude), "scan: skip these paths, as --exclude"},
    {"ignore", KEY_GLOBS, offsetof(Config, ignore), "drop findings on these objects: schema.table or schema.table.column globs"},
    {"tenant_column", KEY_NAME, AUDIT(tenant_column), "the column that names a row's tenant"},
    {"tenant_setting", KEY_NAME, AUDIT(tenant_setting), "the setting RLS policies compare the tenant column with"},
    {"tenant_tables", KEY_GLOBS, AUDIT(tenant_tables), "the tenants table(s)"},
    {"user_tables", KEY_GLOBS, AUDIT(user_tables), "table names (not globs) *_by and user role columns point to, first found wins"},
    {"user_role_columns", KEY_GLOBS, AUDIT(user_role_columns), "columns that reference a user"},
    {"soft_delete_columns", KEY_GLOBS, AUDIT(soft_delete_columns), "a column that marks a row deleted"},
    {"financial_table_words", KEY_GLOBS, AUDIT(financial_words), "a word of a table name that makes it financial or history (S004)"},
    {"external_id_columns", KEY_GLOBS, AUDIT(external_id_columns), "ids of other systems: never foreign keys (S003)"},
    {"secret_columns", KEY_GLOBS, AUDIT(secret_columns), "random values (tokens, hashes): a unique key on them needs no soft-delete scope (S011)"},
    {"required_references", KEY_GLOBS, AUDIT(required_references), "table.column references that must be NOT NULL (S006)"},
    {"money_columns", KEY_GLOBS, AUDIT(money_columns), "money amounts: need a CHECK (S012)"},
    {"quantity_columns", KEY_GLOBS, AUDIT(quantity_columns), "counts and stock: need a CHECK (S012)"},
    {"percent_columns", KEY_GLOBS, AUDIT(percent_columns), "percentages and basis points: need a CHECK (S012)"},
    {"status_columns", KEY_GLOBS, AUDIT(status_columns), "states: need a CHECK or an enum (S012)"},
    {"account_tables", KEY_GLOBS, AUDIT(account_tables), "tables whose email identifies one account (S010)"},
    {"email_columns", KEY_GLOBS, AUDIT(email_columns), "an account's email (S010)"},
    {"slug_columns", KEY_GLOBS, AUDIT(slug_columns), "slugs: unique (S010)"},
    {"serial_columns", KEY_GLOBS, AUDIT(serial_columns), "serial and ticket numbers: unique (S010)"},
    {"idempotency_columns", KEY_GLOBS, AUDIT(idempotency_columns), "idempotency keys: unique (S010)"},
    {"seat_event_columns", KEY_GLOBS, AUDIT(seat_event_columns), "a seat's event: with section, row and seat, unique (S010)"},
    {"seat_section_columns", KEY_GLOBS, AUDIT(seat_section_columns), "a seat's section (S010)"},
    {"seat_row_columns", KEY_GLOBS, AUDIT(seat_row_columns), "a seat's row (S010)"},
    {"seat_number_columns", KEY_GLOBS, AUDIT(seat_number_columns), "a seat's number (S010)"},
    {"critical_flows", KEY_GLOBS, AUDIT(critical_flows), "code: functions that move money or stock"},
    {"external_clients", KEY_GLOBS, AUDIT(external_clients), "code: calls to other systems (HTTP, payments, mail), as written"},
    {"queue_publishers", KEY_GLOBS, AUDIT(queue_publishers), "code: calls that publish to a queue or topic, as written"},
};
enum { NKEYS = (int)(sizeof keys / sizeof keys[0]) };

typedef VEC(const char *) NameVec;

static StrList *list_at(Config *c, const Key *k)
{
    return (StrList *)(void *)((char *)c + k->off);
}

static const StrList *list_at_c(const Config *c, const Key *k)
{
    return (const StrList *)(const void *)((const char *)c + k->off);
}

void config_init(Config *c)
{
    memset(c, 0, sizeof *c);
    c->audit = *config_default();
    memset(c->rules, CONFIG_RULE_DEFAULT, sizeof c->rules);
    arena_init(&c->arena);
}

void config_fini(Config *c)
{
    Config d; /* what c started as */
    memset(&d, 0, sizeof d);
    d.audit = *config_default();
    for (int i = 0; i < NKEYS; i++) {
        const StrList *l = list_at(c, &keys[i]);
        if (keys[i].kind == KEY_GLOBS && l->v && l->v != list_at(&d, &keys[i])->v)
            uncompile(l->v);
    }
    arena_fini(&c->arena);
}

/* ---- Finding the file ---- */

static bool is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

const char *config_find(Arena *a, const char *dir)
{
    char real[PATH_MAX], cwd[PATH_MAX];
    if (!realpath(dir, real))
        return NULL;
    struct stat st;
    if (stat(real, &st) == 0 && !S_ISDIR(st.st_mode)) {
        char *slash = strrchr(real, '/'); /* a file: start from its folder */
        if (slash == real)
            slash[1] = '\0';
        else if (slash)
            *slash = '\0';
    }
    if (!getcwd(cwd, sizeof cwd))
        cwd[0] = '\0';
    static const char *const names[] = {CONFIG_FILE_NAMES};
    for (;;) {
        bool root = strcmp(real, "/") == 0;
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
            char *path = arena_printf(a, "%s%s%s", real, root ? "" : "/", names[i]);
            if (!is_file(path))
                continue;
            size_t n = strlen(cwd);
            if (n > 1 && strncmp(path, cwd, n) == 0 && path[n] == '/')
                return path + n + 1; /* in or below the current folder: relative */
            return path;
        }
        char *git = arena_printf(a, "%s%s.git", real, root ? "" : "/");
        if (root || access(git, F_OK) == 0)
            return NULL;
        char *slash = strrchr(real, '/');
        if (slash == real)
            slash[1] = '\0';
        else
            *slash = '\0';
    }
}

/* ---- Reading it ---- */

typedef struct Loader {
    Config *c;
    const char *path;
    const char *err;
} Loader;

static int fail(Loader *l, const ConfigNode *at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int fail(Loader *l, const ConfigNode *at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *what = arena_vprintf(&l->c->arena, fmt, ap);
    va_end(ap);
    l->err = arena_printf(&l->c->arena, "%s:%d: %s", l->path, at->line, what);
    return -1;
}

static const char *kind_name(const ConfigNode *n)
{
    if (configfile_is_null(n))
        return "nothing";
    return n->kind == CONFIG_MAP ? "a map" : n->kind == CONFIG_LIST ? "a list" : "a single value";
}

/* Edit distance, for "did you mean"; n, m < 64. */
static int distance(const char *a, const char *b)
{
    size_t n = strlen(a), m = strlen(b);
    if (n >= 64 || m >= 64)
        return 99;
    int d[64][64];
    for (size_t i = 0; i <= n; i++)
        d[i][0] = (int)i;
    for (size_t j = 0; j <= m; j++)
        d[0][j] = (int)j;
    for (size_t i = 1; i <= n; i++)
        for (size_t j = 1; j <= m; j++) {
            int sub = d[i - 1][j - 1] + (tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]));
            int del = d[i - 1][j] + 1, ins = d[i][j - 1] + 1;
            d[i][j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
        }
    return d[n][m];
}

/* " (did you mean 'x'?)" for the closest candidate within reach, or "". */
static const char *suggest(Arena *a, const char *word, const char *const *cands, int n)
{
    int best = 99, at = -1;
    for (int i = 0; i < n; i++) {
        int d = distance(word, cands[i]);
        if (d < best)
            best = d, at = i;
    }
    int reach = strlen(word) < 6 ? 1 : strlen(word) < 12 ? 2 : 3;
    return at >= 0 && best <= reach ? arena_printf(a, " (did you mean '%s'?)", cands[at]) : "";
}

static int rules_key(Loader *l, const ConfigNode *v)
{
    if (v->kind != CONFIG_MAP)
        return fail(l, v, "'rules' takes a map of rule id or slug to off, on, error, warning or info, not %s",
                    kind_name(v));
    for (int i = 0; i < v->n; i++) {
        const ConfigNode *k = v->keys[i], *val = v->items[i];
        if (k->kind != CONFIG_SCALAR)
            return fail(l, k, "'rules' keys are rule ids or slugs, not %s", kind_name(k));
        int id = rule_lookup(k->text);
        if (id < 0) {
            const char *names[2 * RULE_COUNT];
            for (int r = 0; r < RULE_COUNT; r++)
                names[2 * r] = rule_table[r].id, names[2 * r + 1] = rule_table[r].slug;
            return fail(l, k, "unknown rule '%s'%s (see 'dbaudit rules')", k->text,
                        suggest(&l->c->arena, k->text, names, 2 * RULE_COUNT));
        }
        if (val->kind != CONFIG_SCALAR || configfile_is_null(val))
            return fail(l, val, "rule %s takes off, on, error, warning or info, not %s", k->text, kind_name(val));
        Severity sev;
        const char *t = val->text;
        if (strcasecmp(t, "off") == 0 || strcasecmp(t, "false") == 0 || strcasecmp(t, "no") == 0)
            l->c->rules[id] = CONFIG_RULE_OFF;
        else if (strcasecmp(t, "on") == 0 || strcasecmp(t, "true") == 0 || strcasecmp(t, "yes") == 0)
            l->c->rules[id] = CONFIG_RULE_DEFAULT;
        else if (strcasecmp(t, "none") != 0 && severity_parse(t, &sev))
            l->c->rules[id] = (signed char)sev;
        else
            return fail(l, val, "rule %s takes off, on, error, warning or info, not '%s'", k->text, t);
    }
    return 0;
}

/* Appends the list node's items to out (lower-cased unless paths). */
static int read_items(Loader *l, const Key *key, const char *field, const ConfigNode *v, NameVec *out)
{
    if (v->kind != CONFIG_LIST)
        return fail(l, v, "'%s' takes a list, not %s", field, kind_name(v));
    for (int i = 0; i < v->n; i++) {
        const ConfigNode *it = v->items[i];
        if (it->kind != CONFIG_SCALAR || configfile_is_null(it) || !*it->text)
            return fail(l, it, "the items of '%s' are names or globs, not %s", field,
                        it->kind == CONFIG_SCALAR && !*it->text ? "an empty string" : kind_name(it));
        char *s = arena_strdup(&l->c->arena, it->text);
        if (key->kind == KEY_GLOBS)
            for (char *p = s; *p; p++)
                *p = (char)tolower((unsigned char)*p);
        vec_push(&l->c->arena, out, (const char *)s);
    }
    return 0;
}

/* A list key: a list replaces the current list; {add, remove} edits it
 * (removing a name the list does not hold is not an error: the built-in
 * lists may change). */
static int list_key(Loader *l, const Key *key, const ConfigNode *v)
{
    StrList *dst = list_at(l->c, key);
    NameVec out = {0};
    if (v->kind == CONFIG_LIST) {
        if (read_items(l, key, key->name, v, &out) != 0)
            return -1;
    } else if (v->kind == CONFIG_MAP) {
        NameVec add = {0}, remove = {0};
        for (int i = 0; i < v->n; i++) {
            const ConfigNode *k = v->keys[i];
            static const char *const forms[] = {"add", "remove"};
            bool is_add = k->kind == CONFIG_SCALAR && strcmp(k->text, "add") == 0;
            if (!is_add && !(k->kind == CONFIG_SCALAR && strcmp(k->text, "remove") == 0))
                return fail(l, k, "unknown key '%s' in '%s': it takes a list, or a map with add and remove%s",
                            k->kind == CONFIG_SCALAR ? k->text : "?", key->name,
                            k->kind == CONFIG_SCALAR ? suggest(&l->c->arena, k->text, forms, 2) : "");
            const char *field = arena_printf(&l->c->arena, "%s.%s", key->name, k->text);
            if (read_items(l, key, field, v->items[i], is_add ? &add : &remove) != 0)
                return -1;
        }
        for (int i = 0; i < dst->n; i++) {
            bool gone = false;
            for (int k = 0; k < remove.n && !gone; k++)
                gone = strcmp(dst->v[i], remove.v[k]) == 0;
            if (!gone)
                vec_push(&l->c->arena, &out, dst->v[i]);
        }
        for (int i = 0; i < add.n; i++)
            vec_push(&l->c->arena, &out, add.v[i]);
    } else {
        return fail(l, v, "'%s' takes a list (or a map with add and remove), not %s", key->name, kind_name(v));
    }
    int n = out.n;
    vec_push(&l->c->arena, &out, (const char *)NULL); /* v is never NULL: the match cache keys on it */
    dst->v = out.v;
    dst->n = n;
    return 0;
}

int config_load(Config *c, const char *path, const char **err)
{
    Loader l = {c, path, NULL};
    c->path = arena_strdup(&c->arena, path);
    ConfigNode *root = configfile_read(&c->arena, path, err);
    if (!root)
        return -1;
    if (configfile_is_null(root))
        return 0; /* a file of comments */
    if (root->kind != CONFIG_MAP) {
        *err = arena_printf(&c->arena, "%s:%d: the configuration is a map of keys (rules, exclude, ignore, "
                                       "tenant_column...), not %s", path, root->line, kind_name(root));
        return -1;
    }
    bool seen[NKEYS] = {false};
    for (int i = 0; i < root->n; i++) {
        const ConfigNode *k = root->keys[i], *v = root->items[i];
        int at = -1;
        for (int j = 0; k->kind == CONFIG_SCALAR && j < NKEYS; j++)
            if (strcmp(k->text, keys[j].name) == 0)
                at = j;
        if (at < 0) {
            if (k->kind != CONFIG_SCALAR) {
                fail(&l, k, "a key is %s: keys are names such as 'rules' or 'tenant_column'", kind_name(k));
            } else {
                const char *names[NKEYS];
                for (int j = 0; j < NKEYS; j++)
                    names[j] = keys[j].name;
                fail(&l, k, "unknown key '%s'%s", k->text, suggest(&c->arena, k->text, names, NKEYS));
            }
            break;
        }
        if (seen[at]) {
            fail(&l, k, "'%s' is given twice", k->text);
            break;
        }
        seen[at] = true;
        const Key *key = &keys[at];
        int rc = 0;
        if (configfile_is_null(v))
            rc = fail(&l, v, "'%s' has no value%s", key->name,
                      key->kind == KEY_NAME ? "" : key->kind == KEY_RULES ? " (leave it out, or write {})"
                                                                           : " (write [] for an empty list)");
        else if (key->kind == KEY_RULES)
            rc = rules_key(&l, v);
        else if (key->kind == KEY_NAME) {
            if (v->kind != CONFIG_SCALAR || !*v->text)
                rc = fail(&l, v, "'%s' takes a name, not %s", key->name,
                          v->kind == CONFIG_SCALAR ? "an empty string" : kind_name(v));
            else
                *(const char **)(void *)((char *)c + key->off) = arena_strdup(&c->arena, v->text);
        } else
            rc = list_key(&l, key, v);
        if (rc != 0)
            break;
    }
    if (l.err) {
        *err = l.err;
        return -1;
    }
    return 0;
}

/* ---- Printing it ---- */

static void put_quoted(StrBuf *b, const char *s)
{
    sb_putc(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            sb_printf(b, "\\%c", *p);
        else if (*p < 0x20 || *p == 0x7f)
            sb_printf(b, "\\x%02x", *p);
        else
            sb_putc(b, (char)*p);
    }
    sb_putc(b, '"');
}

int config_print(FILE *out, const Config *c)
{
    StrBuf b = STRBUF_INIT;
    sb_printf(&b, "# dbaudit configuration: the built-in defaults%s%s\n", c->path ? ", then " : "",
              c->path ? c->path : "");
    sb_puts(&b, "# A list replaces the built-in one; {add: [...], remove: [...]} edits it.\n");
    for (int i = 0; i < NKEYS; i++) {
        const Key *k = &keys[i];
        sb_printf(&b, "\n# %s\n%s:", k->help, k->name);
        if (k->kind == KEY_RULES) {
            sb_putc(&b, '\n');
            for (int r = 0; r < RULE_COUNT; r++) {
                int set = c->rules[r];
                const char *v = set == CONFIG_RULE_OFF ? "off"
                                : severity_name(set == CONFIG_RULE_DEFAULT ? rule_table[r].severity : (Severity)set);
                sb_printf(&b, "  %s: %-8s # %s\n", rule_table[r].id, v, rule_table[r].slug);
            }
        } else if (k->kind == KEY_NAME) {
            sb_putc(&b, ' ');
            put_quoted(&b, *(const char *const *)(const void *)((const char *)c + k->off));
            sb_putc(&b, '\n');
        } else {
            const StrList *l = list_at_c(c, k);
            sb_puts(&b, l->n ? "\n  [" : " []\n");
            size_t col = 3;
            StrBuf item = STRBUF_INIT;
            for (int j = 0; j < l->n; j++) {
                sb_reset(&item);
                put_quoted(&item, l->v[j]);
                if (j > 0 && col + item.len + 2 > 96) {
                    sb_puts(&b, ",\n   ");
                    col = 3;
                } else if (j > 0) {
                    sb_puts(&b, ", ");
                    col += 2;
                }
                sb_puts(&b, sb_str(&item));
                col += item.len;
            }
            if (l->n)
                sb_puts(&b, "]\n");
            sb_fini(&item);
        }
    }
    int rc = fputs(sb_str(&b), out) < 0 ? -1 : 0;
    sb_fini(&b);
    return rc;
}

/* ---- Using it ---- */

/* The "schema.table" part of an object name (double quotes respected), or
 * NULL when it has no column part. */
static const char *table_part(char *buf, size_t size, const char *object)
{
    int dots = 0;
    bool quoted = false;
    for (const char *p = object; *p; p++) {
        if (*p == '"')
            quoted = !quoted;
        else if (*p == '.' && !quoted && ++dots == 2) {
            size_t n = (size_t)(p - object);
            if (n >= size)
                return NULL;
            memcpy(buf, object, n);
            buf[n] = '\0';
            return buf;
        }
    }
    return NULL;
}

bool config_ignores(const Config *c, const char *object)
{
    if (!object || c->ignore.n == 0)
        return false;
    char low[1024], table[1024];
    size_t i = 0;
    for (; object[i] && i + 1 < sizeof low; i++)
        low[i] = (char)tolower((unsigned char)object[i]);
    low[i] = '\0';
    const char *t = table_part(table, sizeof table, low);
    for (int k = 0; k < c->ignore.n; k++)
        if (fnmatch(c->ignore.v[k], low, 0) == 0 || (t && fnmatch(c->ignore.v[k], t, 0) == 0))
            return true;
    return false;
}
