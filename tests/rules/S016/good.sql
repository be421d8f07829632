-- S016: row level security with its policies, or not enabled at all.
CREATE TABLE tenants (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL
);
CREATE TABLE events (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id)
);
CREATE POLICY tenant_isolation ON events
    USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid);
ALTER TABLE events ENABLE ROW LEVEL SECURITY;
ALTER TABLE events FORCE ROW LEVEL SECURITY;
-- A single restrictive or command-specific policy is still a policy.
CREATE TABLE tickets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id)
);
CREATE POLICY tickets_select ON tickets FOR SELECT
    USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid);
ALTER TABLE tickets ENABLE ROW LEVEL SECURITY;
-- Policies written but RLS disabled (S015's), and no RLS at all.
CREATE TABLE payments (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id)
);
CREATE POLICY tenant_isolation ON payments
    USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid);
CREATE TABLE currencies (
    code char(3) PRIMARY KEY
);
-- Hostile names.
CREATE TABLE "Resale ""Listings""" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id)
);
CREATE POLICY "tenant's ""own"" é" ON "Resale ""Listings"""
    USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid);
ALTER TABLE "Resale ""Listings""" ENABLE ROW LEVEL SECURITY;
