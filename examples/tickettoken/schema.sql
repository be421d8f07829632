-- TicketToken example database: the schema.
--
-- A multi-tenant (white-label) blockchain ticketing platform on PostgreSQL 15,
-- the kind of schema a set of Knex migrations leaves behind: tenants, users,
-- venues, events, ticket types and tickets, orders, payments and refunds,
-- resale listings and royalties, user balances and their ledger, idempotency
-- keys, a transactional outbox, webhook intake, and an audit log kept in a
-- schema of its own ("audit").
--
-- It is exactly the schema that the migrations of the project's services
-- (services/, run platform, payments, marketplace, gate in that order) build;
-- defaults are written as Knex writes them (CURRENT_TIMESTAMP for
-- knex.fn.now(), quoted numbers), and columns added by later migrations come
-- last.
--
-- Most of it is done the way the TicketToken database integrity audit guide
-- asks (marked "-- OK:" where it helps a reader): foreign keys with an
-- explicit ON DELETE action (three keep NO ACTION, see below) and an index,
-- tenant_id NOT NULL on every tenant table, unique keys scoped by tenant,
-- partial unique indexes on soft-delete tables, CHECK constraints or enum
-- types on money, quantity, percentage and status columns, and row level
-- security enabled, forced and bound to
-- current_setting('app.current_tenant_id', true).
--
-- Then there are the mistakes a real project makes.  Each one is marked
-- "-- FLAW Sxxx: ..." right above it, with the dbaudit rule that finds it;
-- examples/tickettoken/expected.txt lists the findings they must produce and
-- README.md explains each of them.
--
-- Load as a superuser into an empty database (the S008 flaw needs
-- DISABLE TRIGGER ALL, which only a superuser may run on internal triggers):
--   psql -X -v ON_ERROR_STOP=1 -d tickettoken -f schema.sql
--   psql -X -v ON_ERROR_STOP=1 -d tickettoken -f seed.sql

SET client_min_messages = warning;

-- Roles (cluster-wide, so created only once per cluster):
--   tickettoken_app  ran the migrations, owns the tables, and is the role the
--                    services connect as (NOLOGIN here: this is an example);
--                    not a superuser, so FORCE ROW LEVEL SECURITY binds it
--   tt_support       the back-office support dashboard
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tickettoken_app') THEN
        CREATE ROLE tickettoken_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tt_support') THEN
        CREATE ROLE tt_support NOLOGIN;
    END IF;
END
$$;

CREATE SCHEMA audit;

-- ---------------------------------------------------------------------------
-- Types
-- ---------------------------------------------------------------------------

-- OK: statuses as enum types constrain the values (S012 accepts them).
CREATE TYPE public.user_role AS ENUM ('customer', 'organizer', 'admin', 'support');
CREATE TYPE public.event_status AS ENUM ('draft', 'on_sale', 'sold_out', 'cancelled', 'completed');
CREATE TYPE public.ticket_status AS ENUM ('available', 'reserved', 'sold', 'used', 'cancelled');
CREATE TYPE public.payment_status AS ENUM ('pending', 'authorized', 'captured', 'failed', 'refunded',
                                           'partially_refunded');

-- ---------------------------------------------------------------------------
-- Knex bookkeeping (not tenant data: no tenant_id, no RLS needed): the
-- platform service's; the other services keep theirs in
-- knex_migrations_<service>, left out here.
-- ---------------------------------------------------------------------------

CREATE TABLE public.knex_migrations (
    id             serial PRIMARY KEY,
    name           varchar(255),
    batch          integer,
    migration_time timestamptz
);

CREATE TABLE public.knex_migrations_lock (
    index     serial PRIMARY KEY,
    is_locked integer
);

-- ---------------------------------------------------------------------------
-- Tenants and users
-- ---------------------------------------------------------------------------

-- The tenants table itself is not tenant-scoped: no tenant_id, no RLS.
CREATE TABLE public.tenants (
    id         uuid        NOT NULL DEFAULT gen_random_uuid(),
    name       text        NOT NULL,
    slug       text        NOT NULL,
    status     text        NOT NULL DEFAULT 'active',
    plan       text        NOT NULL DEFAULT 'standard',
    created_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT tenants_pkey PRIMARY KEY (id),
    -- OK: tenant slugs are global (they are the tenants' subdomains).
    CONSTRAINT tenants_slug_unique UNIQUE (slug),
    CONSTRAINT tenants_status_check CHECK (status IN ('active', 'suspended', 'closed'))
);

CREATE TABLE public.users (
    id             uuid             NOT NULL DEFAULT gen_random_uuid(),
    tenant_id      uuid             NOT NULL,
    email          text             NOT NULL,
    display_name   text             NOT NULL,
    role           public.user_role NOT NULL DEFAULT 'customer',
    wallet_address text,
    created_at     timestamptz      NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at     timestamptz      NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT users_pkey PRIMARY KEY (id),
    CONSTRAINT users_tenant_id_foreign FOREIGN KEY (tenant_id)
        REFERENCES public.tenants (id) ON DELETE RESTRICT,
    -- FLAW S009: email is unique across all tenants, not per tenant: a fan with
    -- an account at one white-label tenant cannot sign up at another, and the
    -- sign-up error tells that the address exists elsewhere.
    CONSTRAINT users_email_unique UNIQUE (email)
);
CREATE INDEX users_tenant_id_index ON public.users (tenant_id);

-- ---------------------------------------------------------------------------
-- Venues and events
-- ---------------------------------------------------------------------------

CREATE TABLE public.venues (
    id         uuid        NOT NULL DEFAULT gen_random_uuid(),
    tenant_id  uuid        NOT NULL,
    name       text        NOT NULL,
    slug       text        NOT NULL,
    address    text,
    city       text        NOT NULL,
    country    char(2)     NOT NULL,
    timezone   text        NOT NULL DEFAULT 'UTC',
    capacity   integer     NOT NULL,
    created_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    deleted_at timestamptz,
    CONSTRAINT venues_pkey PRIMARY KEY (id),
    CONSTRAINT venues_tenant_id_foreign FOREIGN KEY (tenant_id)
        REFERENCES public.tenants (id) ON DELETE RESTRICT,
    -- FLAW S011: venues are soft-deleted (deleted_at) but the slug key is not
    -- partial: a deleted venue keeps its slug taken forever.
    CONSTRAINT venues_tenant_id_slug_unique UNIQUE (tenant_id, slug),
    CONSTRAINT venues_capacity_check CHECK (capacity > 0)
);

CREATE TABLE public.events (
    id           uuid                NOT NULL DEFAULT gen_random_uuid(),
    tenant_id    uuid                NOT NULL,
    venue_id     uuid                NOT NULL,
    organizer_id uuid                NOT NULL,
    name         text                NOT NULL,
    slug         text                NOT NULL,
    description  text,
    starts_at    timestamptz         NOT NULL,
    ends_at      timestamptz         NOT NULL,
    status       public.event_status NOT NULL DEFAULT 'draft',
    created_at   timestamptz         NOT NULL DEFAULT CURRENT_TIMESTAMP,
    deleted_at   timestamptz,
    CONSTRAINT events_pkey PRIMARY KEY (id),
    CONSTRAINT events_tenant_id_foreign FOREIGN KEY (tenant_id)
        REFERENCES public.tenants (id) ON DELETE RESTRICT,
    -- OK: a venue with events cannot be deleted (guide 1.3).
    CONSTRAINT events_venue_id_foreign FOREIGN KEY (venue_id)
        REFERENCES public.venues (id) ON DELETE RESTRICT,
    CONSTRAINT events_organizer_id_foreign FOREIGN KEY (organizer_id)
        REFERENCES public.users (id) ON DELETE RESTRICT,
    CONSTRAINT events_dates_check CHECK (ends_at > starts_at)
);
-- OK: slug unique per tenant among events that are not deleted (guide 2.6, 2.7).
CREATE UNIQUE INDEX events_tenant_id_slug_active_unique ON public.events (tenant_id, slug)
    WHERE deleted_at IS NULL;
CREATE INDEX events_tenant_id_starts_at_index ON public.events (tenant_id, starts_at);
CREATE INDEX events_venue_id_index ON public.events (venue_id);
CREATE INDEX events_organizer_id_index ON public.events (organizer_id);

-- ---------------------------------------------------------------------------
-- Ticket types (inventory) and tickets
-- ---------------------------------------------------------------------------

CREATE TABLE public.ticket_types (
    id             uuid        NOT NULL DEFAULT gen_random_uuid(),
    tenant_id      uuid        NOT NULL,
    event_id       uuid        NOT NULL,
    name           text        NOT NULL,
    price_cents    bigint      NOT NULL,
    currency       char(3)     NOT NULL DEFAULT 'USD',
    quantity       integer     NOT NULL,
    quantity_sold  integer     NOT NULL DEFAULT 0,
    max_per_order  integer     NOT NULL DEFAULT 8,
    sale_starts_at timestamptz,
    sale_ends_at   timestamptz,
    created_at     timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT ticket_types_pkey PRIMARY KEY (id),
    CONSTRAINT ticket_types_tenant_id_foreign FOREIGN KEY (tenant_id)
        REFERENCES public.tenants (id) ON DELETE RESTRICT,
    -- OK: ticket types are owned by their event.
    CONSTRAINT ticket_types_event_id_foreign FOREIGN KEY (event_id)
        REFERENCES public.events (id) ON DELETE CASCADE,
    -- OK: unique per event; event_id already scopes it to one tenant, and the
    -- key serves as the index of the event_id foreign key.
    CONSTRAINT ticket_types_event_id_name_unique UNIQUE (event_id, name),
    -- OK: money, quantities and the oversell guard are checked (guide 1.5).
    CONSTRAINT ticket_types_price_cents_check CHECK (price_cents >= 0),
    CONSTRAINT ticket_types_currency_check CHECK (currency ~ '^[A-Z]{3}$'),
    CONSTRAINT ticket_types_quantity_check CHECK (quantity BETWEEN 1 AND 100000),
    CONSTRAINT ticket_types_quantity_sold_check CHECK (quantity_sold >= 0 AND quantity_sold <= quantity),
    CONSTRAINT ticket_types_max_per_order_check CHECK (max_per_order BETWEEN 1 AND 50)
);
CREATE INDEX ticket_types_tenant_id_index ON public.ticket_types (tenant_id);

CREATE TABLE public.tickets (
    id               uuid                 NOT NULL DEFAULT gen_random_uuid(),
    tenant_id        uuid                 NOT NULL,
    -- FLAW S006: event_id allows NULL: a ticket can exist for no event (the
    -- guide, 1.3, asks NOT NULL on event_id of tickets).
    event_id         uuid,
    ticket_type_id   uuid                 NOT NULL,
    owner_id         uuid,
    serial_number    text                 NOT NULL,
    section          text,
    "row"            text,
    seat_number      text,
    status           public.ticket_status NOT NULL DEFAULT 'available',
    face_value_cents bigint               NOT NULL,
    nft_mint_address text,
    issued_at        timestamptz          NOT NULL DEFAULT CURRENT_TIMESTAMP,
    created_at       timestamptz          NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT tickets_pkey PRIMARY KEY (id),
    CONSTRAINT tickets_tenant_id_foreign FOREIGN KEY (tenant_id)
        REFERENCES public.tenants (id) ON DELETE RESTRICT,
    CONSTRAINT tickets_event_id_foreign FOREIGN KEY (event_id)
        REFERENCES public.events (id) ON DELETE RESTRICT,
    CONSTRAINT tickets_ticket_type_id_foreign FOREIGN KEY (ticket_type_id)
        REFERENCES public.ticket_types (id) ON DELETE RESTRICT,
    -- OK: owner is optional (unsold tickets have none).
    CONSTRAINT tickets_owner_id_foreign FOREIGN KEY (owner_id)
        REFERENCES public.users (id) ON DELETE RESTRICT,
    -- OK: one ticket per reserved seat (guide P0.3); general admission tickets
    -- have no seat and NULLs never conflict.  Also the event_id index.
    CONSTRAINT tickets_event_id_section_row_seat_number_unique UNIQUE (event_id, section, "row", seat_number),
    CONSTRAINT tickets_face_value_cents_check CHECK (face_value_cents >= 0)
);
CREATE INDEX tickets_tenant_id_status_index ON public.tickets (tenant_id, status);
CREATE INDEX tickets_ticket_type_id_index ON public.tickets (ticket_type_id);
CREATE INDEX tickets_owner_id_index ON public.tickets (owner_id);
-- FLAW S020: a later hand-written migration indexed owner_id again: two
-- identical indexes, both maintained on every write.
CREATE INDEX idx_tickets_owner_id ON public.tickets (owner_id);
-- FLAW S010: the serial number is indexed for lookups but not unique: two
-- mints can issue the same serial (guide 2.7, P0).
CREATE INDEX tickets_serial_number_index ON public.tickets (serial_number);

-- ---------------------------------------------------------------------------
-- Orders, payments, refunds
-- ---------------------------------------------------------------------------

CREATE TABLE public.orders (
    id              uuid        NOT NULL DEFAULT gen_random_uuid(),
    tenant_id       uuid        NOT NULL,
    user_id         uuid        NOT NULL,
    status          text        NOT NULL DEFAULT 'pending',
    total_cents     bigint      NOT NULL,
    currency        char(3)     NOT NULL DEFAULT 'USD',
    idempotency_key text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at      timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT orders_pkey PRIMARY KEY (id),
    CONSTRAINT orders_tenant_id_foreign FOREIGN KEY (tenant_id)
        REFERENCES public.tenants (id) ON DELETE RESTRICT,
    CONSTRAINT orders_user_id_foreign FOREIGN KEY (user_id)
        REFERENCES public.users (id) ON DELETE RESTRICT,
    -- OK: idempotency key unique per tenant (guide P0.5); the key also
    -- serves as the tenant_id index.
    CONSTRAINT orders_tenant_id_idempotency_key_unique UNIQUE (tenant_id, idempotency_key),
    CONSTRAINT orders_status_check CHECK (status IN ('pending', 'paid', 'cancelled', 'refunded', 'expired')),
    CONSTRAINT orders_total_cents_check CHECK (total_cents >= 0),
    CONSTRAINT orders_currency_check CHECK (currency ~ '^[A-Z]{3}$')
);
CREATE INDEX orders_user_id_index ON public.orders (user_id);

-- FLAW S013: order_items has no tenant_id: it is tenant data only through
-- orders, so RLS must join to orders for every row (its policy below does).
CREATE TABLE public.order_items (
    id               uuid        NOT NULL DEFAULT gen_random_uuid(),
    order_id         uuid        NOT NULL,
    ticket_id        uuid        NOT NULL,
    unit_price_cents bigint      NOT NULL,
    fee_cents        bigint      NOT NULL DEFAULT '0',
    created_at       timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT order_items_pkey PRIMARY KEY (id),
    -- OK: items are owned by their order.
    CONSTRAINT order_items_order_id_foreign FOREIGN KEY (order_id)
        REFERENCES public.orders (id) ON DELETE CASCADE,
    CONSTRAINT order_items_ticket_id_foreign FOREIGN KEY (ticket_id)
        REFERENCES public.tickets (id) ON DELETE RESTRICT,
    CONSTRAINT order_items_order_id_ticket_id_unique UNIQUE (order_id, ticket_id),
    CONSTRAINT order_items_unit_price_cents_check CHECK (unit_price_cents >= 0),
    CONSTRAINT order_items_fee_cents_check CHECK (fee_cents >= 0)
);
CREATE INDEX order_items_ticket_id_index ON public.order_items (ticket_id);

CREATE TABLE public.payments (
    id                  uuid                  NOT NULL DEFAULT gen_random_uuid(),
    tenant_id           uuid                  NOT NULL,
    -- FLAW S003: order_id has no foreign key: a later migration dropped it so
    -- that old orders could be archived elsewhere (dbaudit scan reports that
    -- migration as M005).
    order_id            uuid                  NOT NULL,
    user_id             uuid                  NOT NULL,
    amount_cents        bigint                NOT NULL,
    currency            char(3)               NOT NULL DEFAULT 'USD',
    status              public.payment_status NOT NULL DEFAULT 'pending',
    provider            text                  NOT NULL,
    provider_payment_id text,
    idempotency_key     text                  NOT NULL,
    created_at          timestamptz           NOT NULL DEFAULT CURRENT_TIMESTAMP,
    captured_at         timestamptz,
    CONSTRAINT payments_pkey PRIMARY KEY (id),
    CONSTRAINT payments_tenant_id_foreign FOREIGN KEY (tenant_id)
        REFERENCES public.tenants (id) ON DELETE RESTRICT,
    -- FLAW S004: deleting a user (a GDPR erasure request, say) deletes their
    -- payment records; the guide wants RESTRICT for payments -> users.
    CONSTRAINT payments_user_id_foreign FOREIGN KEY (user_id)
        REFERENCES public.users (id) ON DELETE CASCADE,
    -- OK: idempotency key per tenant, and the provider's id per tenant.
    CONSTRAINT payments_tenant_id_idempotency_key_unique UNIQUE (tenant_id, idempotency_key),
    CONSTRAINT payments_tenant_id_provider_provider_payment_id_unique
        UNIQUE (tenant_id, provider, provider_payment_id),
    CONSTRAINT payments_amount_cents_check CHECK (amount_cents > 0),
    CONSTRAINT payments_currency_check CHECK (currency ~ '^[A-Z]{3}$'),
    CONSTRAINT payments_provider_check CHECK (provider IN ('stripe', 'paypal', 'crypto'))
);
CREATE INDEX payments_order_id_index ON public.payments (order_id);
CREATE INDEX payments_user_id_index ON public.payments (user_id);

CREATE TABLE public.refunds (
    id           uuid        NOT NULL DEFAULT gen_random_uuid(),
    tenant_id    uuid        NOT NULL,
    -- FLAW S002: payment_id has a foreign key but no index: every payment
    -- delete or key change scans refunds, and refunds-by-payment lookups too.
    payment_id   uuid        NOT NULL,
    amount_cents bigint      NOT NULL,
    reason       text,
    status       text        NOT NULL DEFAULT 'requested',
    requested_by uuid,
    created_at   timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    processed_at timestamptz,
    CONSTRAINT refunds_pkey PRIMARY KEY (id),
    CONSTRAINT refunds_tenant_id_foreign FOREIGN KEY (tenant_id)
        REFERENCES public.tenants (id) ON DELETE RESTRICT,
    CONSTRAINT refunds_payment_id_foreign FOREIGN KEY (payment_id)
        REFERENCES public.payments (id) ON DELETE RESTRICT,
    -- OK: optional link, SET NULL keeps the refund when the user goes.
    CONSTRAINT refunds_requested_by_foreign FOREIGN KEY (requested_by)
        REFERENCES public.users (id) ON DELETE SET NULL,
    CONSTRAINT refunds_amount_cents_check CHECK (amount_cents > 0),
    CONSTRAINT refunds_status_check CHECK (status IN ('requested', 'approved', 'rejected', 'processed'))
);
CREATE INDEX refunds_tenant_id_created_at_index ON public.refunds (tenant_id, created_at);
CREATE INDEX refunds_requested_by_index ON public.refunds (requested_by);

-- ---------------------------------------------------------------------------
-- Resale and royalties
-- ---------------------------------------------------------------------------

CREATE TABLE public.resale_listings (
    id                 uuid        NOT NULL DEFAULT gen_random_uuid(),
    tenant_id          uuid        NOT NULL,
    ticket_id          uuid        NOT NULL,
    seller_id          uuid        NOT NULL,
    buyer_id           uuid,
    -- FLAW S012: the asking price has no CHECK: a negative or zero price is
    -- accepted, and royalties computed from it go negative.
    asking_price_cents bigint      NOT NULL,
    currency           char(3)     NOT NULL DEFAULT 'USD',
    status             text        NOT NULL DEFAULT 'active',
    listed_at          timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    expires_at         timestamptz,
    sold_at            timestamptz,
    CONSTRAINT resale_listings_pkey PRIMARY KEY (id),
    CONSTRAINT resale_listings_tenant_id_foreign FOREIGN KEY (tenant_id)
        REFERENCES public.tenants (id) ON DELETE RESTRICT,
    -- OK: a ticket with listings cannot be deleted (guide 1.3).
    CONSTRAINT resale_listings_ticket_id_foreign FOREIGN KEY (ticket_id)
        REFERENCES public.tickets (id) ON DELETE RESTRICT,
    CONSTRAINT resale_listings_buyer_id_foreign FOREIGN KEY (buyer_id)
        REFERENCES public.users (id) ON DELETE SET NULL,
    CONSTRAINT resale_listings_currency_check CHECK (currency ~ '^[A-Z]{3}$'),
    CONSTRAINT resale_listings_status_check CHECK (status IN ('active', 'sold', 'cancelled', 'expired'))
);
-- FLAW S007: the seller key was added NOT VALID (to avoid a long lock on a
-- big table) and never validated: old listings may name sellers that are gone.
ALTER TABLE public.resale_listings
    ADD CONSTRAINT resale_listings_seller_id_foreign FOREIGN KEY (seller_id)
        REFERENCES public.users (id) ON DELETE RESTRICT NOT VALID;
CREATE INDEX resale_listings_tenant_id_status_index ON public.resale_listings (tenant_id, status);
CREATE INDEX resale_listings_ticket_id_index ON public.resale_listings (ticket_id);
CREATE INDEX resale_listings_seller_id_index ON public.resale_listings (seller_id);
CREATE INDEX resale_listings_buyer_id_index ON public.resale_listings (buyer_id);
-- OK: at most one active listing per ticket; ticket_id scopes it to a tenant.
CREATE UNIQUE INDEX resale_listings_one_active_per_ticket ON public.resale_listings (ticket_id)
    WHERE status = 'active';

CREATE TABLE public.royalty_splits (
    id           uuid         NOT NULL DEFAULT gen_random_uuid(),
    tenant_id    uuid         NOT NULL,
    event_id     uuid         NOT NULL,
    recipient_id uuid         NOT NULL,
    role         text         NOT NULL,
    percentage   numeric(5,2) NOT NULL,
    created_at   timestamptz  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT royalty_splits_pkey PRIMARY KEY (id),
    CONSTRAINT royalty_splits_tenant_id_foreign FOREIGN KEY (tenant_id)
        REFERENCES public.tenants (id) ON DELETE RESTRICT,
    -- OK: royalty history is financial: RESTRICT, not CASCADE.
    CONSTRAINT royalty_splits_event_id_foreign FOREIGN KEY (event_id)
        REFERENCES public.events (id) ON DELETE RESTRICT,
    -- No ON DELETE: NO ACTION, the default (the migration did not choose one;
    -- dbaudit scan reports it as M001).
    CONSTRAINT royalty_splits_recipient_id_foreign FOREIGN KEY (recipient_id)
        REFERENCES public.users (id),
    CONSTRAINT royalty_splits_event_id_recipient_id_unique UNIQUE (event_id, recipient_id)
);
-- FLAW S007: the percentage range was added NOT VALID and never validated:
-- splits written before it may hold 250 %.
ALTER TABLE public.royalty_splits
    ADD CONSTRAINT royalty_splits_percentage_check CHECK (percentage BETWEEN 0 AND 100) NOT VALID;
CREATE INDEX royalty_splits_tenant_id_index ON public.royalty_splits (tenant_id);
CREATE INDEX royalty_splits_recipient_id_index ON public.royalty_splits (recipient_id);

CREATE TABLE public.royalty_payouts (
    id                uuid        NOT NULL DEFAULT gen_random_uuid(),
    tenant_id         uuid        NOT NULL,
    royalty_split_id  uuid        NOT NULL,
    resale_listing_id uuid        NOT NULL,
    amount_cents      bigint      NOT NULL,
    status            text        NOT NULL DEFAULT 'pending',
    created_at        timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    paid_at           timestamptz,
    CONSTRAINT royalty_payouts_pkey PRIMARY KEY (id),
    CONSTRAINT royalty_payouts_tenant_id_foreign FOREIGN KEY (tenant_id)
        REFERENCES public.tenants (id) ON DELETE RESTRICT,
    CONSTRAINT royalty_payouts_royalty_split_id_foreign FOREIGN KEY (royalty_split_id)
        REFERENCES public.royalty_splits (id) ON DELETE RESTRICT,
    -- NO ACTION on purpose: a listing and its pending payouts are deleted in
    -- one statement, and NO ACTION checks at the end of the statement.
    CONSTRAINT royalty_payouts_resale_listing_id_foreign FOREIGN KEY (resale_listing_id)
        REFERENCES public.resale_listings (id),
    CONSTRAINT royalty_payouts_amount_cents_check CHECK (amount_cents >= 0),
    CONSTRAINT royalty_payouts_status_check CHECK (status IN ('pending', 'paid', 'failed'))
);
CREATE INDEX royalty_payouts_tenant_id_index ON public.royalty_payouts (tenant_id);
CREATE INDEX royalty_payouts_royalty_split_id_index ON public.royalty_payouts (royalty_split_id);
CREATE INDEX royalty_payouts_resale_listing_id_index ON public.royalty_payouts (resale_listing_id);

-- ---------------------------------------------------------------------------
-- User balances and their ledger
-- ---------------------------------------------------------------------------

CREATE TABLE public.user_balances (
    id            uuid        NOT NULL DEFAULT gen_random_uuid(),
    tenant_id     uuid        NOT NULL,
    user_id       uuid        NOT NULL,
    currency      char(3)     NOT NULL DEFAULT 'USD',
    balance_cents bigint      NOT NULL DEFAULT '0',
    version       integer     NOT NULL DEFAULT 0,
    updated_at    timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT user_balances_pkey PRIMARY KEY (id),
    CONSTRAINT user_balances_tenant_id_foreign FOREIGN KEY (tenant_id)
        REFERENCES public.tenants (id) ON DELETE RESTRICT,
    CONSTRAINT user_balances_user_id_foreign FOREIGN KEY (user_id)
        REFERENCES public.users (id) ON DELETE RESTRICT,
    -- OK: one balance per user and currency; user_id scopes it to a tenant.
    CONSTRAINT user_balances_user_id_currency_unique UNIQUE (user_id, currency),
    -- OK: a balance never goes negative (guide 3.3, user balance operations).
    CONSTRAINT user_balances_balance_cents_check CHECK (balance_cents >= 0),
    CONSTRAINT user_balances_currency_check CHECK (currency ~ '^[A-Z]{3}$')
);
CREATE INDEX user_balances_tenant_id_index ON public.user_balances (tenant_id);

CREATE TABLE public.ledger_entries (
    id                  bigint      GENERATED ALWAYS AS IDENTITY,
    user_balance_id     uuid        NOT NULL,
    payment_id          uuid,
    entry_type          text        NOT NULL,
    amount_cents        bigint      NOT NULL,
    balance_after_cents bigint      NOT NULL,
    description         text,
    created_at          timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    -- FLAW S005: tenant_id was added by a later migration as nullable (hence
    -- last), filled by a backfill, and never made NOT NULL.
    tenant_id           uuid,
    CONSTRAINT ledger_entries_pkey PRIMARY KEY (id),
    CONSTRAINT ledger_entries_tenant_id_foreign FOREIGN KEY (tenant_id)
        REFERENCES public.tenants (id) ON DELETE RESTRICT,
    CONSTRAINT ledger_entries_user_balance_id_foreign FOREIGN KEY (user_balance_id)
        REFERENCES public.user_balances (id) ON DELETE RESTRICT,
    -- OK: optional link to the payment that caused the entry.
    CONSTRAINT ledger_entries_payment_id_foreign FOREIGN KEY (payment_id)
        REFERENCES public.payments (id) ON DELETE SET NULL,
    CONSTRAINT ledger_entries_entry_type_check CHECK (entry_type IN ('credit', 'debit')),
    CONSTRAINT ledger_entries_amount_cents_check CHECK (amount_cents > 0),
    CONSTRAINT ledger_entries_balance_after_cents_check CHECK (balance_after_cents >= 0)
);
CREATE INDEX ledger_entries_tenant_id_created_at_index ON public.ledger_entries (tenant_id, created_at);
CREATE INDEX ledger_entries_user_balance_id_index ON public.ledger_entries (user_balance_id);
CREATE INDEX ledger_entries_payment_id_index ON public.ledger_entries (payment_id);

-- ---------------------------------------------------------------------------
-- Idempotency keys, outbox, webhook intake
-- ---------------------------------------------------------------------------

CREATE TABLE public.idempotency_keys (
    id             uuid        NOT NULL DEFAULT gen_random_uuid(),
    tenant_id      uuid        NOT NULL,
    key            text        NOT NULL,
    request_method text        NOT NULL,
    request_path   text        NOT NULL,
    request_hash   text        NOT NULL,
    response_code  integer,
    response_body  jsonb,
    locked_at      timestamptz,
    created_at     timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    expires_at     timestamptz NOT NULL,
    CONSTRAINT idempotency_keys_pkey PRIMARY KEY (id),
    CONSTRAINT idempotency_keys_tenant_id_foreign FOREIGN KEY (tenant_id)
        REFERENCES public.tenants (id) ON DELETE RESTRICT,
    -- OK: the database, not a read-then-insert, refuses a replayed key.
    CONSTRAINT idempotency_keys_tenant_id_key_unique UNIQUE (tenant_id, key)
);
CREATE INDEX idempotency_keys_expires_at_index ON public.idempotency_keys (expires_at);

CREATE TABLE public.outbox (
    id             bigint      GENERATED ALWAYS AS IDENTITY,
    tenant_id      uuid        NOT NULL,
    -- OK: aggregate_type + aggregate_id is a polymorphic pair, not a reference.
    aggregate_type text        NOT NULL,
    aggregate_id   uuid        NOT NULL,
    event_type     text        NOT NULL,
    payload        jsonb       NOT NULL,
    status         text        NOT NULL DEFAULT 'pending',
    attempts       integer     NOT NULL DEFAULT 0,
    created_at     timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    published_at   timestamptz,
    CONSTRAINT outbox_pkey PRIMARY KEY (id),
    CONSTRAINT outbox_tenant_id_foreign FOREIGN KEY (tenant_id)
        REFERENCES public.tenants (id) ON DELETE RESTRICT,
    CONSTRAINT outbox_status_check CHECK (status IN ('pending', 'published', 'failed')),
    CONSTRAINT outbox_attempts_check CHECK (attempts >= 0)
);
CREATE INDEX outbox_tenant_id_index ON public.outbox (tenant_id);
CREATE INDEX outbox_pending_index ON public.outbox (created_at) WHERE status = 'pending';

-- Raw provider webhooks, before they are matched to a tenant.
-- FLAW S001: no primary key: the identity column was never declared one, so a
-- webhook stored twice cannot be told apart or deleted alone.
CREATE TABLE public.webhook_events (
    id                bigint      GENERATED ALWAYS AS IDENTITY,
    provider          text        NOT NULL,
    provider_event_id text        NOT NULL,
    event_type        text        NOT NULL,
    payload           jsonb       NOT NULL,
    received_at       timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    processed_at      timestamptz
);
CREATE INDEX webhook_events_received_at_index ON public.webhook_events (received_at);

-- ---------------------------------------------------------------------------
-- Ticket transfers and gate scans
-- ---------------------------------------------------------------------------

CREATE TABLE public.ticket_transfers (
    id             uuid        NOT NULL DEFAULT gen_random_uuid(),
    -- FLAW S014: no index starts with tenant_id (the migration indexed the
    -- other keys only): every RLS check and tenant query scans all transfers.
    tenant_id      uuid        NOT NULL,
    ticket_id      uuid        NOT NULL,
    from_user_id   uuid,
    to_user_id     uuid        NOT NULL,
    transfer_type  text        NOT NULL,
    transferred_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT ticket_transfers_pkey PRIMARY KEY (id),
    CONSTRAINT ticket_transfers_tenant_id_foreign FOREIGN KEY (tenant_id)
        REFERENCES public.tenants (id) ON DELETE RESTRICT,
    CONSTRAINT ticket_transfers_ticket_id_foreign FOREIGN KEY (ticket_id)
        REFERENCES public.tickets (id) ON DELETE CASCADE,
    CONSTRAINT ticket_transfers_from_user_id_foreign FOREIGN KEY (from_user_id)
        REFERENCES public.users (id) ON DELETE SET NULL,
    -- No ON DELETE: NO ACTION, the default (the migration did not choose one;
    -- dbaudit scan reports it as M001).
    CONSTRAINT ticket_transfers_to_user_id_foreign FOREIGN KEY (to_user_id)
        REFERENCES public.users (id),
    CONSTRAINT ticket_transfers_transfer_type_check CHECK (transfer_type IN ('gift', 'resale', 'admin'))
);
CREATE INDEX ticket_transfers_ticket_id_index ON public.ticket_transfers (ticket_id);
CREATE INDEX ticket_transfers_from_user_id_index ON public.ticket_transfers (from_user_id);
CREATE INDEX ticket_transfers_to_user_id_index ON public.ticket_transfers (to_user_id);

CREATE TABLE public.ticket_scans (
    id         bigint      GENERATED ALWAYS AS IDENTITY,
    tenant_id  uuid        NOT NULL,
    ticket_id  uuid        NOT NULL,
    gate       text        NOT NULL,
    device_id  text,
    result     text        NOT NULL,
    scanned_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT ticket_scans_pkey PRIMARY KEY (id),
    CONSTRAINT ticket_scans_tenant_id_foreign FOREIGN KEY (tenant_id)
        REFERENCES public.tenants (id) ON DELETE RESTRICT,
    CONSTRAINT ticket_scans_ticket_id_foreign FOREIGN KEY (ticket_id)
        REFERENCES public.tickets (id) ON DELETE CASCADE,
    CONSTRAINT ticket_scans_result_check CHECK (result IN ('admitted', 'rejected', 'duplicate'))
);
CREATE INDEX ticket_scans_tenant_id_scanned_at_index ON public.ticket_scans (tenant_id, scanned_at);
CREATE INDEX ticket_scans_ticket_id_index ON public.ticket_scans (ticket_id);

-- ---------------------------------------------------------------------------
-- Audit log (schema "audit"), written by a trigger on payments and refunds
-- ---------------------------------------------------------------------------

CREATE TABLE audit.audit_log (
    id          bigint      GENERATED ALWAYS AS IDENTITY,
    tenant_id   uuid        NOT NULL,
    actor_id    uuid,
    entity_type text        NOT NULL,
    entity_id   uuid        NOT NULL,
    action      text        NOT NULL,
    old_data    jsonb,
    new_data    jsonb,
    created_at  timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT audit_log_pkey PRIMARY KEY (id),
    -- OK: history is never deleted with its tenant or actor (RESTRICT, SET NULL).
    CONSTRAINT audit_log_tenant_id_foreign FOREIGN KEY (tenant_id)
        REFERENCES public.tenants (id) ON DELETE RESTRICT,
    CONSTRAINT audit_log_actor_id_foreign FOREIGN KEY (actor_id)
        REFERENCES public.users (id) ON DELETE SET NULL,
    CONSTRAINT audit_log_action_check CHECK (action IN ('insert', 'update', 'delete'))
);
CREATE INDEX audit_log_tenant_id_created_at_index ON audit.audit_log (tenant_id, created_at);
CREATE INDEX audit_log_actor_id_index ON audit.audit_log (actor_id);
CREATE INDEX audit_log_entity_type_entity_id_index ON audit.audit_log (entity_type, entity_id);

CREATE FUNCTION audit.log_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    old_row jsonb;
    new_row jsonb;
    cur     jsonb;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        old_row := to_jsonb(OLD);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        new_row := to_jsonb(NEW);
    END IF;
    cur := coalesce(new_row, old_row);
    INSERT INTO audit.audit_log (tenant_id, actor_id, entity_type, entity_id, action, old_data, new_data)
    VALUES ((cur ->> 'tenant_id')::uuid,
            nullif(current_setting('app.current_user_id', true), '')::uuid,
            TG_TABLE_NAME, (cur ->> 'id')::uuid, lower(TG_OP), old_row, new_row);
    RETURN NULL;
END
$$;

CREATE TRIGGER payments_audit AFTER INSERT OR UPDATE OR DELETE ON public.payments
    FOR EACH ROW EXECUTE FUNCTION audit.log_change();
CREATE TRIGGER refunds_audit AFTER INSERT OR UPDATE OR DELETE ON public.refunds
    FOR EACH ROW EXECUTE FUNCTION audit.log_change();

-- ---------------------------------------------------------------------------
-- Row level security
--
-- OK (every table below unless marked): enabled, forced (services connect as
-- the role that ran the migrations and owns the tables), and one policy that
-- binds reads and writes to the tenant of the request, set per transaction
-- with set_config('app.current_tenant_id', ..., true).  missing_ok (the
-- second argument, true) makes a connection without the setting see no rows
-- instead of failing.
-- ---------------------------------------------------------------------------

ALTER TABLE public.users ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.users FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON public.users
    USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid)
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true)::uuid);

ALTER TABLE public.venues ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.venues FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON public.venues
    USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid)
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true)::uuid);

ALTER TABLE public.events ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON public.events
    USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid)
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true)::uuid);
-- FLAW S018: the support dashboard needed to read events of every tenant, so
-- a permissive policy with USING (true) was added; permissive policies are
-- OR-ed, so tt_support now sees all tenants' events.
GRANT SELECT ON public.events TO tt_support;
CREATE POLICY support_read ON public.events FOR SELECT TO tt_support
    USING (true);

ALTER TABLE public.ticket_types ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.ticket_types FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON public.ticket_types
    USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid)
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true)::uuid);

ALTER TABLE public.tickets ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.tickets FORCE ROW LEVEL SECURITY;
-- FLAW S019: copied from the guide (1.7): current_setting() without
-- missing_ok fails with an error on any connection where the tenant
-- middleware did not set app.current_tenant_id (a cron job, a psql session).
CREATE POLICY tenant_isolation ON public.tickets
    USING (tenant_id = current_setting('app.current_tenant_id')::uuid);

-- FLAW S017: RLS is enabled but not forced (no FORCE ROW LEVEL SECURITY):
-- the services connect as the table owner (tickettoken_app), for whom the
-- policy does nothing.
ALTER TABLE public.orders ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON public.orders
    USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid)
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true)::uuid);

-- OK: without a tenant_id of its own (S013 above), order_items is isolated
-- through its order.
ALTER TABLE public.order_items ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.order_items FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON public.order_items
    USING (EXISTS (SELECT 1 FROM public.orders o
                   WHERE o.id = order_items.order_id
                     AND o.tenant_id = current_setting('app.current_tenant_id', true)::uuid));

ALTER TABLE public.payments ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.payments FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON public.payments
    USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid)
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true)::uuid);

ALTER TABLE public.refunds ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.refunds FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON public.refunds
    USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid)
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true)::uuid);

ALTER TABLE public.resale_listings ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.resale_listings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON public.resale_listings
    USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid)
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true)::uuid);

ALTER TABLE public.royalty_splits ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.royalty_splits FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON public.royalty_splits
    USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid)
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true)::uuid);

-- FLAW S016: RLS is enabled and forced, but the migration that was to
-- rewrite this table's policy dropped it and never created the new one: the
-- payout service sees no rows at all.
ALTER TABLE public.royalty_payouts ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.royalty_payouts FORCE ROW LEVEL SECURITY;

ALTER TABLE public.user_balances ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.user_balances FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON public.user_balances
    USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid)
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true)::uuid);

ALTER TABLE public.ledger_entries ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.ledger_entries FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON public.ledger_entries
    USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid)
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true)::uuid);

ALTER TABLE public.idempotency_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.idempotency_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON public.idempotency_keys
    USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid)
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true)::uuid);

-- FLAW S015: RLS was never enabled on the outbox because the relay process
-- reads every tenant's events; any service query that forgets its tenant
-- filter now reads other tenants' payloads (the relay should use a
-- BYPASSRLS role instead).
-- (no ALTER TABLE public.outbox ENABLE ROW LEVEL SECURITY)

ALTER TABLE public.ticket_transfers ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.ticket_transfers FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON public.ticket_transfers
    USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid)
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true)::uuid);

ALTER TABLE public.ticket_scans ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.ticket_scans FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON public.ticket_scans
    USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid)
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true)::uuid);

ALTER TABLE audit.audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit.audit_log FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit.audit_log
    USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid)
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true)::uuid);

-- ---------------------------------------------------------------------------
-- Ownership: everything belongs to the application role
-- ---------------------------------------------------------------------------

ALTER SCHEMA audit OWNER TO tickettoken_app;
ALTER TYPE public.user_role OWNER TO tickettoken_app;
ALTER TYPE public.event_status OWNER TO tickettoken_app;
ALTER TYPE public.ticket_status OWNER TO tickettoken_app;
ALTER TYPE public.payment_status OWNER TO tickettoken_app;
ALTER FUNCTION audit.log_change() OWNER TO tickettoken_app;
DO $$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT schemaname, tablename FROM pg_tables WHERE schemaname IN ('public', 'audit') LOOP
        EXECUTE format('ALTER TABLE %I.%I OWNER TO tickettoken_app', t.schemaname, t.tablename);
    END LOOP;
END
$$;

-- ---------------------------------------------------------------------------
-- Left behind by the import of the gate scanners' offline logs
-- ---------------------------------------------------------------------------

-- FLAW S008: the bulk import disabled every trigger on ticket_scans for speed
-- and never enabled them again: its two foreign keys (tenant_id, ticket_id)
-- are no longer checked, while the catalog still shows them as valid.
ALTER TABLE public.ticket_scans DISABLE TRIGGER ALL;
