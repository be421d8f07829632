-- S014: tenant columns that lead an index, in every form the rule accepts.
CREATE TABLE tenants (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL
);
CREATE TABLE tickets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    event_id uuid NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tickets_tenant_created_idx ON tickets (tenant_id, created_at);
-- A primary key leading with it.
CREATE TABLE events (
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    PRIMARY KEY (tenant_id, id)
);
-- A unique constraint leading with it, next to a partial index.
CREATE TABLE users (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    email text NOT NULL,
    deleted_at timestamptz,
    UNIQUE (tenant_id, email)
);
CREATE INDEX users_active_idx ON users (tenant_id) WHERE deleted_at IS NULL;
-- Another name for the tenant column.
CREATE TABLE venues (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES tenants (id)
);
CREATE INDEX ON venues (organization_id);
-- Partitioned, indexed on the parent.
CREATE TABLE ticket_scans (
    id bigint GENERATED ALWAYS AS IDENTITY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    scanned_at timestamptz NOT NULL,
    PRIMARY KEY (id, scanned_at)
) PARTITION BY RANGE (scanned_at);
CREATE INDEX ON ticket_scans (tenant_id, scanned_at);
CREATE TABLE ticket_scans_2024 PARTITION OF ticket_scans FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
-- Not tenant-scoped: no tenant column, no reference to a tenant's table.
CREATE TABLE currencies (
    code char(3) PRIMARY KEY
);
-- Scoped through a parent, with no tenant column: S013's matter.
CREATE TABLE ticket_notes (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id uuid NOT NULL REFERENCES tickets (id)
);
-- Hostile names.
CREATE TABLE "Resale ""Listings""" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id)
);
CREATE INDEX "Resale ""Listings"" é" ON "Resale ""Listings""" (tenant_id);
