-- S013: tenant-scoped tables that carry their tenant column, and tables
-- that are not tenant-scoped at all.
CREATE TABLE tenants (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL
);
-- The tenants table's own children by another name.
CREATE TABLE tenant_settings (
    tenant_id uuid PRIMARY KEY REFERENCES tenants (id),
    locale text NOT NULL
);
CREATE TABLE venues (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL
);
CREATE TABLE events (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    venue_id bigint REFERENCES venues (id),
    name text NOT NULL
);
CREATE TABLE tickets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    event_id uuid NOT NULL REFERENCES events (id)
);
-- Global tables: no reference to a tenant-scoped table.
CREATE TABLE currencies (
    code char(3) PRIMARY KEY
);
CREATE TABLE countries (
    code char(2) PRIMARY KEY,
    currency_code char(3) NOT NULL REFERENCES currencies (code)
);
CREATE TABLE users (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email text NOT NULL UNIQUE
);
-- Medium-confidence inferred references do not make a table tenant-scoped:
-- created_by names a user, original_ticket_id only ends like a table.
CREATE TABLE platform_announcements (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_by uuid,
    original_ticket_id uuid,
    body text NOT NULL
);
-- Partitions of a partitioned table that has the column.
CREATE TABLE payments (
    id bigint GENERATED ALWAYS AS IDENTITY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    ticket_id uuid NOT NULL REFERENCES tickets (id),
    paid_at timestamptz NOT NULL,
    PRIMARY KEY (id, paid_at)
) PARTITION BY RANGE (paid_at);
CREATE TABLE payments_2024 PARTITION OF payments FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
-- Hostile names.
CREATE TABLE "order" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id)
);
CREATE TABLE "Order Lines" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    "Order ""Ref""" bigint NOT NULL REFERENCES "order" (id)
);
