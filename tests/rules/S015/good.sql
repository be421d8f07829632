-- S015: tenant-scoped tables with row level security enabled, and tables
-- that hold no tenant's rows.
CREATE TABLE tenants (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL
);
CREATE TABLE events (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL
);
CREATE POLICY tenant_isolation ON events
    USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid);
ALTER TABLE events ENABLE ROW LEVEL SECURITY;
ALTER TABLE events FORCE ROW LEVEL SECURITY;
-- Enabled but not forced, or without a policy: S017's and S016's matter.
CREATE TABLE tickets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    event_id uuid NOT NULL REFERENCES events (id)
);
CREATE POLICY tenant_isolation ON tickets
    USING (EXISTS (SELECT 1 FROM events p WHERE p.id = tickets.event_id
                   AND p.tenant_id = current_setting('app.current_tenant_id', true)::uuid));
ALTER TABLE tickets ENABLE ROW LEVEL SECURITY;
CREATE TABLE payments (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id)
);
ALTER TABLE payments ENABLE ROW LEVEL SECURITY;
-- Partitioned, enabled on the parent; its partitions are not audited.
CREATE TABLE ledger_entries (
    id bigint GENERATED ALWAYS AS IDENTITY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    posted_at timestamptz NOT NULL,
    PRIMARY KEY (id, posted_at)
) PARTITION BY RANGE (posted_at);
CREATE TABLE ledger_entries_2024 PARTITION OF ledger_entries FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE POLICY tenant_isolation ON ledger_entries
    USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid);
ALTER TABLE ledger_entries ENABLE ROW LEVEL SECURITY;
-- Not tenant-scoped: the tenants table, global lookup tables, tables with
-- only medium-confidence references.
CREATE TABLE currencies (
    code char(3) PRIMARY KEY
);
CREATE TABLE users (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email text NOT NULL UNIQUE
);
CREATE TABLE platform_announcements (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_by uuid REFERENCES users (id),
    body text NOT NULL
);
-- Hostile names.
CREATE SCHEMA "Resale";
CREATE TABLE "Resale"."Listings ""Live""" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id)
);
CREATE POLICY "tenant's ""own""" ON "Resale"."Listings ""Live"""
    USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid);
ALTER TABLE "Resale"."Listings ""Live""" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Resale"."Listings ""Live""" FORCE ROW LEVEL SECURITY;
