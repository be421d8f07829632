-- S019: policies that read settings with missing_ok, or read none.
CREATE TABLE tenants (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL
);
CREATE TABLE events (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    note text
);
CREATE POLICY tenant_isolation ON events
    USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid)
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true)::uuid);
-- A string that merely mentions the function.
CREATE POLICY events_note ON events FOR SELECT
    USING (note IS DISTINCT FROM 'current_setting(''app.x'')'
           AND tenant_id = current_setting('app.current_tenant_id', true)::uuid);
ALTER TABLE events ENABLE ROW LEVEL SECURITY;
-- A wrapper function (its body is not a policy expression), and a
-- subquery with missing_ok.
CREATE SCHEMA auth;
CREATE FUNCTION auth.tenant_id() RETURNS uuid LANGUAGE sql STABLE AS
    $$ SELECT nullif(current_setting('app.current_tenant_id', true), '')::uuid $$;
CREATE TABLE memberships (
    user_id uuid NOT NULL,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    PRIMARY KEY (user_id, tenant_id)
);
CREATE TABLE tickets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id)
);
CREATE POLICY tickets_fn ON tickets USING (tenant_id = auth.tenant_id());
CREATE POLICY tickets_member ON tickets FOR SELECT
    USING (tenant_id IN (SELECT m.tenant_id FROM memberships m
                         WHERE m.user_id = current_setting('app.user_id', true)::uuid));
ALTER TABLE tickets ENABLE ROW LEVEL SECURITY;
-- No setting at all.
CREATE TABLE currencies (
    code char(3) PRIMARY KEY
);
CREATE POLICY currencies_read ON currencies FOR SELECT USING (true);
ALTER TABLE currencies ENABLE ROW LEVEL SECURITY;
-- Hostile names.
CREATE SCHEMA "Resale";
CREATE TABLE "Resale"."Listings ""Live""" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    "seller's note" text
);
CREATE POLICY "tenant's ""own"" é" ON "Resale"."Listings ""Live"""
    USING ("seller's note" IS DISTINCT FROM 'hidden'
           AND tenant_id = current_setting('app.current_tenant_id', true)::uuid);
ALTER TABLE "Resale"."Listings ""Live""" ENABLE ROW LEVEL SECURITY;
