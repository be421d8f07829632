-- S017 rls-not-forced: policies exist, RLS is enabled but not forced, so
-- the owner (the role that ran the migrations, often the service's) is
-- exempt.
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
-- Forced once, then switched back off.
CREATE TABLE tickets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id)
);
CREATE POLICY tickets_select ON tickets FOR SELECT
    USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid);
CREATE POLICY tickets_insert ON tickets FOR INSERT
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true)::uuid);
ALTER TABLE tickets ENABLE ROW LEVEL SECURITY;
ALTER TABLE tickets FORCE ROW LEVEL SECURITY;
ALTER TABLE tickets NO FORCE ROW LEVEL SECURITY;
-- Not tenant-scoped, still a policy the owner skips.
CREATE TABLE users (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email text NOT NULL UNIQUE
);
CREATE POLICY self_only ON users USING (id = current_setting('app.user_id', true)::uuid);
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
-- Owned by another role; hostile identifiers.
-- (roles belong to the cluster: create it once)
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ticketing owner é') THEN
        CREATE ROLE "ticketing owner é";
    END IF;
END $$;
CREATE SCHEMA "Resale";
CREATE TABLE "Resale"."Listings ""Live""" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id)
);
CREATE POLICY "tenant's ""own""" ON "Resale"."Listings ""Live"""
    USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid);
ALTER TABLE "Resale"."Listings ""Live""" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Resale"."Listings ""Live""" OWNER TO "ticketing owner é";
CREATE TABLE "order" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id)
);
CREATE POLICY p ON "order" AS RESTRICTIVE
    USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid);
ALTER TABLE "order" ENABLE ROW LEVEL SECURITY;
