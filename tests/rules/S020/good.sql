-- S020: indexes that look alike but serve different lookups.
CREATE TABLE tenants (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL
);
CREATE TABLE events (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    starts_at timestamptz NOT NULL,
    slug text NOT NULL,
    title text NOT NULL
);
-- Different sort order.
CREATE INDEX events_starts_idx ON events (starts_at);
CREATE INDEX events_starts_desc_idx ON events (starts_at DESC, tenant_id);
-- Different operator class (prefix LIKE searches) and collation.
CREATE INDEX events_slug_idx ON events (slug);
CREATE INDEX events_slug_pattern_idx ON events (slug text_pattern_ops, tenant_id);
CREATE INDEX events_title_idx ON events (title);
CREATE INDEX events_title_c_idx ON events (title COLLATE "C", tenant_id);
-- A partial index next to a plain one.
CREATE INDEX events_tenant_idx ON events (tenant_id);
CREATE INDEX events_tenant_upcoming_idx ON events (tenant_id, starts_at) WHERE starts_at > '2024-01-01';
-- Same columns, other order.
CREATE TABLE seat_holds (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_ref text NOT NULL,
    section text NOT NULL
);
CREATE INDEX seat_holds_event_section_idx ON seat_holds (event_ref, section);
CREATE INDEX seat_holds_section_event_idx ON seat_holds (section, event_ref);
-- Another method.
CREATE INDEX events_slug_hash ON events USING hash (slug);
CREATE TABLE users (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    email text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, email)
);
-- A unique index is not redundant with a longer non-unique one: it
-- enforces something.
CREATE UNIQUE INDEX users_email_uq ON users (email);
CREATE INDEX users_email_created_idx ON users (email, created_at);
-- An index with INCLUDE columns answers index-only scans.
CREATE INDEX users_tenant_incl_email ON users (tenant_id) INCLUDE (email);
-- Different expressions.
CREATE INDEX users_lower_email_idx ON users (lower(email));
CREATE INDEX users_upper_email_idx ON users (upper(email), tenant_id);
-- Partitioned: one index on the parent, its copies on the partitions.
CREATE TABLE ticket_scans (
    id bigint GENERATED ALWAYS AS IDENTITY,
    ticket_ref text NOT NULL,
    scanned_at timestamptz NOT NULL,
    PRIMARY KEY (id, scanned_at)
) PARTITION BY RANGE (scanned_at);
CREATE INDEX ticket_scans_ref_idx ON ticket_scans (ticket_ref, scanned_at);
CREATE TABLE ticket_scans_2024 PARTITION OF ticket_scans FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE ticket_scans_2025 PARTITION OF ticket_scans FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
-- Hostile names.
CREATE TABLE "Resale ""Listings""" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "prix é" numeric NOT NULL,
    "order" integer NOT NULL
);
CREATE INDEX "listings by ""prix""" ON "Resale ""Listings""" ("prix é" DESC);
CREATE INDEX "user" ON "Resale ""Listings""" ("prix é", "order");
