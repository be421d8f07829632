-- S010: expected unique keys, present in every form the rule accepts.
CREATE TABLE tenants (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    slug text NOT NULL UNIQUE,
    name text NOT NULL
);
-- Email per tenant, case-insensitive (an expression key).
CREATE TABLE users (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    email text NOT NULL
);
CREATE UNIQUE INDEX users_tenant_email_uq ON users (tenant_id, lower(email));
-- Soft-delete table: a partial unique index is how it is done.
CREATE TABLE members (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    email_address text NOT NULL,
    deleted_at timestamptz
);
CREATE UNIQUE INDEX members_email_active_uq ON members (tenant_id, email_address) WHERE deleted_at IS NULL;
-- Slug per parent (a foreign key column) rather than per tenant.
CREATE TABLE events (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    slug text NOT NULL,
    UNIQUE (tenant_id, slug)
);
CREATE TABLE event_pages (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id uuid NOT NULL REFERENCES events (id),
    slug text NOT NULL,
    UNIQUE (event_id, slug)
);
-- Serial numbers and reserved seats.
CREATE TABLE tickets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    event_id uuid NOT NULL REFERENCES events (id),
    serial_number text NOT NULL UNIQUE,
    section text NOT NULL,
    "row" text NOT NULL,
    seat_number text NOT NULL,
    UNIQUE (event_id, section, "row", seat_number)
);
-- Seats without sections.
CREATE TABLE club_seats (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id uuid NOT NULL REFERENCES events (id),
    row_label text NOT NULL,
    seat text NOT NULL,
    UNIQUE (row_label, seat, event_id)
);
-- Idempotency keys.
CREATE TABLE payments (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    idempotency_key text NOT NULL,
    amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
    UNIQUE (tenant_id, idempotency_key)
);
CREATE TABLE idempotency_records (
    key text PRIMARY KEY,
    response jsonb
);
-- Not account tables: an email column does not have to be unique there.
CREATE TABLE event_contacts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id uuid NOT NULL REFERENCES events (id),
    email text NOT NULL
);
CREATE TABLE email_log (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL,
    sent_at timestamptz NOT NULL
);
-- Hostile names.
CREATE TABLE "user" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "Email" text NOT NULL UNIQUE
);
CREATE TABLE "Event ""Pages""" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    "Slug" text NOT NULL
);
CREATE UNIQUE INDEX "Event ""Pages"" slug é" ON "Event ""Pages""" (tenant_id, "Slug");
