-- S020 redundant-index: indexes another index of the table already serves.
CREATE TABLE tenants (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL
);
CREATE TABLE events (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    starts_at timestamptz NOT NULL,
    slug text NOT NULL
);
-- 1. A prefix of a longer index.
CREATE INDEX events_tenant_idx ON events (tenant_id);
CREATE INDEX events_tenant_starts_idx ON events (tenant_id, starts_at);
-- 2. Two identical indexes: the later name is reported.
CREATE INDEX events_slug_a ON events (slug);
CREATE INDEX events_slug_b ON events (slug);
CREATE TABLE users (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    email text NOT NULL,
    UNIQUE (tenant_id, email)
);
-- 3. A plain index that the unique constraint's index already is.
CREATE INDEX users_tenant_email_idx ON users (tenant_id, email);
-- 4. A unique index identical to the unique constraint.
CREATE UNIQUE INDEX users_tenant_email_uq ON users (tenant_id, email);
-- 5. A prefix of the primary key.
CREATE TABLE seat_maps (
    event_id uuid NOT NULL REFERENCES events (id),
    section text NOT NULL,
    PRIMARY KEY (event_id, section)
);
CREATE INDEX seat_maps_event_idx ON seat_maps (event_id);
-- 6. Partial indexes with the same WHERE clause; expression indexes.
CREATE TABLE tickets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    event_id uuid NOT NULL REFERENCES events (id),
    serial text NOT NULL,
    status text NOT NULL
);
CREATE INDEX tickets_active_event_idx ON tickets (event_id) WHERE status = 'active';
CREATE INDEX tickets_active_event_tenant_idx ON tickets (event_id, tenant_id) WHERE status = 'active';
CREATE INDEX tickets_serial_lower_idx ON tickets (lower(serial));
CREATE INDEX tickets_serial_lower_tenant_idx ON tickets (lower(serial), tenant_id);
-- 7. On a partitioned table.
CREATE TABLE ticket_scans (
    id bigint GENERATED ALWAYS AS IDENTITY,
    ticket_id uuid NOT NULL REFERENCES tickets (id),
    scanned_at timestamptz NOT NULL,
    PRIMARY KEY (id, scanned_at)
) PARTITION BY RANGE (scanned_at);
CREATE TABLE ticket_scans_2024 PARTITION OF ticket_scans FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE INDEX ticket_scans_ticket_idx ON ticket_scans (ticket_id);
CREATE INDEX ticket_scans_ticket_at_idx ON ticket_scans (ticket_id, scanned_at);
-- 8. A partition's own index, redundant with its copy of the parent's.
CREATE INDEX ticket_scans_2024_ticket_only ON ticket_scans_2024 (ticket_id);
-- 9. Hostile identifiers.
CREATE TABLE "Resale ""Listings""" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    "prix é" numeric NOT NULL,
    "order" integer NOT NULL
);
CREATE INDEX "listings by ""prix""" ON "Resale ""Listings""" ("prix é");
CREATE INDEX "listings by prix, order" ON "Resale ""Listings""" ("prix é", "order");
CREATE INDEX "user" ON "Resale ""Listings""" (tenant_id);
CREATE INDEX "Listings tenant é" ON "Resale ""Listings""" (tenant_id);
