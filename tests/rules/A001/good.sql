-- A001: the schema of bad.sql, audited with nothing holding the catalog:
-- every part is read, the audit is complete.
CREATE TABLE tenants (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL
);
CREATE TABLE events (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL
);
CREATE INDEX ON events (tenant_id);
CREATE POLICY tenant_isolation ON events
    USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid);
ALTER TABLE events ENABLE ROW LEVEL SECURITY;
ALTER TABLE events FORCE ROW LEVEL SECURITY;
CREATE TABLE "Resale ""Listings"" é" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    event_id uuid NOT NULL REFERENCES events (id)
);
CREATE INDEX ON "Resale ""Listings"" é" (tenant_id);
CREATE INDEX ON "Resale ""Listings"" é" (event_id);
CREATE POLICY "tenant's ""own""" ON "Resale ""Listings"" é"
    USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid);
ALTER TABLE "Resale ""Listings"" é" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Resale ""Listings"" é" FORCE ROW LEVEL SECURITY;
