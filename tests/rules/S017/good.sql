-- S017: forced row level security; and tables where forcing is not the
-- question (no policy: S016's; RLS disabled: S015's).
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
-- Enabled without a policy.
CREATE TABLE tickets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id)
);
ALTER TABLE tickets ENABLE ROW LEVEL SECURITY;
-- A policy, RLS disabled.
CREATE TABLE payments (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id)
);
CREATE POLICY tenant_isolation ON payments
    USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid);
-- Forced before it was enabled, in the other order.
CREATE TABLE "Resale ""Listings"" é" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id)
);
ALTER TABLE "Resale ""Listings"" é" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant's ""own""" ON "Resale ""Listings"" é"
    USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid);
ALTER TABLE "Resale ""Listings"" é" ENABLE ROW LEVEL SECURITY;
