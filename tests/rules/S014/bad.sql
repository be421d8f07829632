-- S014 tenant-id-not-indexed: tenant columns that lead no usable index.
CREATE TABLE tenants (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL
);
-- No index at all (and its foreign key is unindexed too).
CREATE TABLE tickets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    seat text NOT NULL
);
-- Only a partial index leads with it.
CREATE TABLE events (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    published boolean NOT NULL DEFAULT false
);
CREATE INDEX events_published_tenant_idx ON events (tenant_id) WHERE published;
-- In an index, but second.
CREATE TABLE users (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    email text NOT NULL,
    UNIQUE (email, tenant_id)
);
-- A hash index is not a btree.
CREATE TABLE payments (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL,
    amount_cents bigint NOT NULL CHECK (amount_cents >= 0)
);
CREATE INDEX payments_tenant_hash ON payments USING hash (tenant_id);
-- The tenant column under another name.
CREATE TABLE venues (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL
);
-- Partitioned: the fix cannot build its index CONCURRENTLY.
CREATE TABLE ticket_scans (
    id bigint GENERATED ALWAYS AS IDENTITY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    scanned_at timestamptz NOT NULL,
    PRIMARY KEY (id, scanned_at)
) PARTITION BY RANGE (scanned_at);
CREATE TABLE ticket_scans_2024 PARTITION OF ticket_scans FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
-- Hostile identifiers.
CREATE TABLE "Resale ""Listings""" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id)
);
CREATE TABLE "order" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id bigint NOT NULL
);
CREATE TABLE "redevances é" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id)
);
