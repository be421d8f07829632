-- S005 nullable-tenant-id: tenant columns that accept NULL.
CREATE TABLE tenants (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL
);
CREATE TABLE events (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid REFERENCES tenants (id),
    name text NOT NULL
);
-- No foreign key on it, still the tenant column.
CREATE TABLE tickets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid,
    event_id uuid NOT NULL REFERENCES events (id)
);
-- The tenants table referenced under another name: that column is the
-- tenant column.
CREATE TABLE venues (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid REFERENCES tenants (id),
    name text NOT NULL
);
-- Partitioned: the parent is reported, not its partitions.
CREATE TABLE payments (
    id bigint GENERATED ALWAYS AS IDENTITY,
    tenant_id uuid REFERENCES tenants (id),
    paid_at timestamptz NOT NULL,
    amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
    PRIMARY KEY (id, paid_at)
) PARTITION BY RANGE (paid_at);
CREATE TABLE payments_2024 PARTITION OF payments FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
-- Hostile identifiers.
CREATE TABLE "Resale Listings" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid REFERENCES tenants (id)
);
CREATE TABLE "order" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id bigint
);
CREATE TABLE "redevances ""artistes""" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid REFERENCES tenants (id)
);
