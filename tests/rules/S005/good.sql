-- S005: tenant columns that are NOT NULL, and tables that have no tenant.
CREATE TABLE tenants (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    -- the tenants table is not scoped to a tenant: a parent tenant may be NULL
    parent_tenant_id uuid REFERENCES tenants (id),
    name text NOT NULL
);
CREATE TABLE events (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL
);
-- Scoped through events, with no tenant column of its own (S013's matter).
CREATE TABLE tickets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    event_id uuid NOT NULL REFERENCES events (id)
);
CREATE TABLE venues (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL
);
-- Global lookup tables.
CREATE TABLE currencies (
    code char(3) PRIMARY KEY,
    name text NOT NULL
);
CREATE TABLE countries (
    code char(2) PRIMARY KEY,
    currency_code char(3) REFERENCES currencies (code)
);
-- NOT NULL added later.
CREATE TABLE payments (
    id bigint GENERATED ALWAYS AS IDENTITY,
    tenant_id uuid REFERENCES tenants (id),
    paid_at timestamptz NOT NULL,
    PRIMARY KEY (id, paid_at)
) PARTITION BY RANGE (paid_at);
ALTER TABLE payments ALTER COLUMN tenant_id SET NOT NULL;
CREATE TABLE payments_2024 PARTITION OF payments FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE "Resale Listings" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id)
);
CREATE TABLE "order" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id bigint NOT NULL
);
