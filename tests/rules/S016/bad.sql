-- S016 rls-without-policy: row level security enabled, no policy.
CREATE TABLE tenants (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL
);
-- Tenant-scoped: the fix writes the tenant policy.
CREATE TABLE events (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL
);
ALTER TABLE events ENABLE ROW LEVEL SECURITY;
-- Forced too: even the owner sees nothing.
CREATE TABLE tickets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    event_id uuid NOT NULL REFERENCES events (id)
);
ALTER TABLE tickets ENABLE ROW LEVEL SECURITY;
ALTER TABLE tickets FORCE ROW LEVEL SECURITY;
-- A migration dropped the policy.
CREATE TABLE payments (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id)
);
CREATE POLICY tenant_isolation ON payments
    USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid);
ALTER TABLE payments ENABLE ROW LEVEL SECURITY;
DROP POLICY tenant_isolation ON payments;
-- Not tenant-scoped: reported, but no policy can be written for it.
CREATE TABLE currencies (
    code char(3) PRIMARY KEY
);
ALTER TABLE currencies ENABLE ROW LEVEL SECURITY;
-- Hostile identifiers.
CREATE TABLE "Resale ""Listings""" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    "prix é" numeric NOT NULL CHECK ("prix é" >= 0)
);
ALTER TABLE "Resale ""Listings""" ENABLE ROW LEVEL SECURITY;
CREATE TABLE "order" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "Listing" bigint NOT NULL REFERENCES "Resale ""Listings""" (id)
);
ALTER TABLE "order" ENABLE ROW LEVEL SECURITY;
