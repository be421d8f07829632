-- S002 unindexed-foreign-key: foreign keys whose columns do not lead a
-- valid, non-partial btree index.
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
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL,
    UNIQUE (tenant_id, id)
);
CREATE INDEX events_tenant_id_idx ON events (tenant_id);
CREATE TABLE event_sections (
    event_id uuid NOT NULL REFERENCES events (id),
    code text NOT NULL,
    capacity integer NOT NULL CHECK (capacity >= 0),
    PRIMARY KEY (event_id, code)
);

-- 1. Single-column key, no index at all.
CREATE TABLE tickets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    event_id uuid NOT NULL REFERENCES events (id),
    -- 2. Composite key, no index.
    section_event_id uuid NOT NULL,
    section_code text NOT NULL,
    FOREIGN KEY (section_event_id, section_code) REFERENCES event_sections (event_id, code),
    seat text NOT NULL
);
CREATE INDEX tickets_tenant_id_idx ON tickets (tenant_id);

-- 3. Covered only by a partial index.
CREATE TABLE resale_listings (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    ticket_id uuid NOT NULL REFERENCES tickets (id),
    -- 4. The index has the column, but second.
    seller_id uuid NOT NULL REFERENCES users (id),
    status text NOT NULL DEFAULT 'active',
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX resale_listings_tenant_idx ON resale_listings (tenant_id);
CREATE INDEX resale_listings_active_ticket_idx ON resale_listings (ticket_id) WHERE status = 'active';
CREATE INDEX resale_listings_created_seller_idx ON resale_listings (created_at, seller_id);

-- 5. Composite key, index on one of its columns only; 6. key column only in
-- INCLUDE; 7. hash index.
CREATE TABLE seat_holds (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id uuid NOT NULL,
    section_code text NOT NULL,
    holder_id uuid NOT NULL REFERENCES users (id),
    ticket_id uuid REFERENCES tickets (id),
    FOREIGN KEY (event_id, section_code) REFERENCES event_sections (event_id, code)
);
CREATE INDEX seat_holds_event_idx ON seat_holds (event_id);
CREATE INDEX seat_holds_created_incl_holder ON seat_holds (id) INCLUDE (holder_id);
CREATE INDEX seat_holds_ticket_hash ON seat_holds USING hash (ticket_id);

-- 8. An invalid index (a CREATE INDEX CONCURRENTLY that failed) does not
-- count.
CREATE TABLE royalties (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    listing_id bigint NOT NULL,
    amount_cents bigint NOT NULL CHECK (amount_cents >= 0)
);
INSERT INTO royalties (listing_id, amount_cents) VALUES (1, 100), (1, 200);
\set ON_ERROR_STOP off
-- fails on the duplicate and leaves royalties_listing_uq behind, invalid
CREATE UNIQUE INDEX CONCURRENTLY royalties_listing_uq ON royalties (listing_id);
\set ON_ERROR_STOP on
DELETE FROM royalties;
ALTER TABLE royalties ADD FOREIGN KEY (listing_id) REFERENCES resale_listings (id);

-- 9. Partitioned child table: the fix cannot build the index concurrently.
CREATE TABLE payments (
    id bigint GENERATED ALWAYS AS IDENTITY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    user_id uuid NOT NULL REFERENCES users (id),
    amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
    paid_at timestamptz NOT NULL,
    PRIMARY KEY (id, paid_at)
) PARTITION BY RANGE (paid_at);
CREATE INDEX payments_tenant_idx ON payments (tenant_id);
CREATE TABLE payments_2024 PARTITION OF payments FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');

-- 10. Hostile identifiers.
CREATE TABLE "Events" (
    "ID" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id)
);
CREATE INDEX ON "Events" (tenant_id);
CREATE TABLE "order" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    "user" uuid NOT NULL REFERENCES users (id),
    "Event ""Ref""" uuid NOT NULL REFERENCES "Events" ("ID"),
    "événement" uuid REFERENCES events (id)
);
CREATE INDEX ON "order" (tenant_id);
CREATE TABLE "Ticket Transfers" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "from user" uuid NOT NULL REFERENCES users (id),
    "order id" bigint NOT NULL REFERENCES "order" (id)
);
