-- S002: foreign keys that an index serves, in every way the rule accepts.
CREATE TABLE tenants (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL
);
CREATE TABLE users (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    email text NOT NULL,
    UNIQUE (tenant_id, email)
);
CREATE TABLE events (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    -- the tenant column of a tenant-scoped table is S014's, not S002's
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL
);
-- Covered by the primary key that leads with it.
CREATE TABLE event_sections (
    event_id uuid NOT NULL REFERENCES events (id),
    code text NOT NULL,
    capacity integer NOT NULL CHECK (capacity >= 0),
    PRIMARY KEY (event_id, code)
);
CREATE TABLE tickets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    event_id uuid NOT NULL REFERENCES events (id),
    section_code text NOT NULL,
    seat text NOT NULL,
    -- composite key covered by an index on the same columns in the other order
    FOREIGN KEY (event_id, section_code) REFERENCES event_sections (event_id, code)
);
-- Covered by a composite index leading with it (event_id).
CREATE INDEX tickets_event_section_seat_idx ON tickets (section_code, event_id, seat);
CREATE INDEX tickets_tenant_event_idx ON tickets (tenant_id, event_id);
CREATE UNIQUE INDEX tickets_event_seat_uq ON tickets (event_id, seat);

CREATE TABLE resale_listings (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    ticket_id uuid NOT NULL REFERENCES tickets (id),
    seller_id uuid NOT NULL REFERENCES users (id),
    status text NOT NULL DEFAULT 'active',
    created_at timestamptz NOT NULL DEFAULT now()
);
-- A partial index next to a plain one is fine.
CREATE INDEX resale_listings_active_ticket_idx ON resale_listings (ticket_id) WHERE status = 'active';
CREATE INDEX resale_listings_ticket_idx ON resale_listings (ticket_id);
-- A unique constraint leading with the key.
ALTER TABLE resale_listings ADD CONSTRAINT resale_listings_seller_created_key UNIQUE (seller_id, created_at);

-- A table referencing itself, with its index.
CREATE TABLE categories (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    parent_id bigint REFERENCES categories (id)
);
CREATE INDEX categories_parent_id_idx ON categories (parent_id);

-- Partitioned table: the index on the parent covers the key.
CREATE TABLE payments (
    id bigint GENERATED ALWAYS AS IDENTITY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    user_id uuid NOT NULL REFERENCES users (id),
    amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
    paid_at timestamptz NOT NULL,
    PRIMARY KEY (id, paid_at)
) PARTITION BY RANGE (paid_at);
CREATE INDEX payments_user_idx ON payments (user_id, paid_at);
CREATE TABLE payments_2024 PARTITION OF payments FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');

-- Hostile identifiers, indexed.
CREATE TABLE "Events" (
    "ID" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id)
);
CREATE TABLE "order" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "user" uuid NOT NULL REFERENCES users (id),
    "Event ""Ref""" uuid NOT NULL REFERENCES "Events" ("ID"),
    "événement" uuid REFERENCES events (id)
);
CREATE INDEX ON "order" ("user");
CREATE INDEX ON "order" ("Event ""Ref""", "user");
CREATE INDEX ON "order" ("événement");

-- An optional reference indexed only where it is set: every lookup the key
-- makes compares the column with a value, which implies IS NOT NULL, so
-- the partial index serves it.
CREATE TABLE promo_codes (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, code text NOT NULL UNIQUE);
CREATE TABLE order_promos (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    promo_code_id bigint REFERENCES promo_codes (id) ON DELETE SET NULL
);
CREATE INDEX order_promos_promo_code_id_idx ON order_promos (promo_code_id) WHERE promo_code_id IS NOT NULL;
