-- S003 missing-foreign-key: columns whose names point at a table, with no
-- foreign key behind them.
CREATE TABLE tenants (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL
);
CREATE TABLE users (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    email text NOT NULL
);
CREATE TABLE categories (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- parent_id -> the table itself
    parent_id bigint,
    name text NOT NULL
);
CREATE TABLE events (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    -- <stem>_id -> plural table
    tenant_id uuid NOT NULL,
    -- <stem>_id -> "ies" plural
    category_id bigint,
    name text NOT NULL,
    -- *_by -> users
    created_by uuid
);
CREATE TABLE tickets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    event_id uuid NOT NULL,
    -- user role column -> users
    holder_id uuid
);
CREATE TABLE resale_listings (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    -- <words>_<stem>_id -> tickets (medium confidence)
    original_ticket_id uuid NOT NULL,
    seller_id uuid NOT NULL,
    price_cents bigint NOT NULL
);
-- camelCase, from an ORM
CREATE TABLE royalties (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "eventId" uuid NOT NULL,
    amount_cents bigint NOT NULL
);
-- integer keys, singular table name
CREATE TABLE venue (
    id integer PRIMARY KEY,
    name text NOT NULL
);
CREATE TABLE event_venues (
    event_id uuid NOT NULL REFERENCES events (id),
    venue_id integer NOT NULL,
    PRIMARY KEY (event_id, venue_id)
);

-- Hostile identifiers: a table named by a reserved word, mixed case, spaces,
-- a double quote, unicode.
CREATE TABLE "order" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    user_id uuid NOT NULL
);
CREATE TABLE "Order Lines" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id bigint NOT NULL,
    "ticket_id" uuid,
    "Note ""internal""" text
);
CREATE TABLE "événements" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    nom text NOT NULL
);
CREATE TABLE "Billets" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "Event_Id" uuid NOT NULL,
    "événement_id" bigint
);

-- A partitioned table: its key would be added on the parent.
CREATE TABLE payments (
    id bigint GENERATED ALWAYS AS IDENTITY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    user_id uuid NOT NULL,
    amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
    paid_at timestamptz NOT NULL,
    PRIMARY KEY (id, paid_at)
) PARTITION BY RANGE (paid_at);
CREATE TABLE payments_2024 PARTITION OF payments FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
