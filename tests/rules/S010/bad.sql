-- S010 missing-unique-key: values that must be unique with nothing in the
-- database to keep them so.
CREATE TABLE tenants (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL
);
-- Email of an account table, no key at all.
CREATE TABLE users (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    email text NOT NULL
);
-- A plain (not unique) index does not count; slug per tenant.
CREATE TABLE events (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    slug text NOT NULL,
    name text NOT NULL
);
CREATE INDEX events_tenant_slug_idx ON events (tenant_id, slug);
-- Serial number, and reserved seats (event, section, row, seat).
CREATE TABLE tickets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    event_id uuid NOT NULL REFERENCES events (id),
    serial_number text NOT NULL,
    section text NOT NULL,
    "row" text NOT NULL,
    seat_number text NOT NULL
);
-- A unique key that adds a column that is neither expected, the tenant nor
-- a foreign key: (event_id, section, row, seat_number, sold_at) does not
-- make seats unique.
CREATE TABLE seat_sales (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id uuid NOT NULL REFERENCES events (id),
    section text NOT NULL,
    "row" text NOT NULL,
    seat_number text NOT NULL,
    sold_at timestamptz NOT NULL,
    UNIQUE (event_id, section, "row", seat_number, sold_at)
);
-- Idempotency key of payments.
CREATE TABLE payments (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    idempotency_key text NOT NULL,
    amount_cents bigint NOT NULL CHECK (amount_cents >= 0)
);
-- An idempotency table whose column is just "key".
CREATE TABLE idempotency_records (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key text NOT NULL,
    response jsonb
);
-- A unique key that lists deleted_at: NULLs never conflict, so active rows
-- are not unique.  The fix is partial on deleted_at.
CREATE TABLE members (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    email text NOT NULL,
    deleted_at timestamptz,
    UNIQUE (tenant_id, email, deleted_at)
);
-- Hostile identifiers: a table named by a reserved word in the account
-- list, mixed-case columns, a quote, unicode.
CREATE TABLE "user" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "Email" text NOT NULL
);
CREATE TABLE "Event ""Pages""" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    "Slug" text NOT NULL,
    "titre é" text
);
