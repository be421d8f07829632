-- S019 current-setting-not-missing-ok: policies that call
-- current_setting('name') without missing_ok, and fail on connections where
-- the setting was never set.
CREATE TABLE tenants (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL
);
-- 1. In USING (WITH CHECK falls back to it).
CREATE TABLE events (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id)
);
CREATE POLICY tenant_isolation ON events
    USING (tenant_id = current_setting('app.current_tenant_id')::uuid);
ALTER TABLE events ENABLE ROW LEVEL SECURITY;
-- 2. In WITH CHECK only; 3. in both, twice in one expression.
CREATE TABLE tickets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    holder_id uuid
);
CREATE POLICY tickets_insert ON tickets FOR INSERT
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id')::uuid);
CREATE POLICY tickets_holder ON tickets FOR UPDATE
    USING (tenant_id = current_setting('app.current_tenant_id')::uuid
           AND holder_id = current_setting('app.user_id')::uuid)
    WITH CHECK (tenant_id = current_setting('app.current_tenant_id')::uuid);
ALTER TABLE tickets ENABLE ROW LEVEL SECURITY;
-- 4. Inside a subquery.
CREATE TABLE memberships (
    user_id uuid NOT NULL,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    PRIMARY KEY (user_id, tenant_id)
);
CREATE TABLE payments (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id)
);
CREATE POLICY payments_member ON payments
    USING (tenant_id IN (SELECT m.tenant_id FROM memberships m
                         WHERE m.user_id = current_setting('app.user_id')::uuid));
ALTER TABLE payments ENABLE ROW LEVEL SECURITY;
-- 5. A string literal that mentions current_setting( next to a real call:
-- the fix must change the call, not the literal.
CREATE TABLE audit_notes (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    note text NOT NULL
);
CREATE POLICY notes_tenant ON audit_notes
    USING (note <> 'set by current_setting(''app.x'')'
           AND tenant_id = current_setting('app.current_tenant_id')::uuid);
ALTER TABLE audit_notes ENABLE ROW LEVEL SECURITY;
-- 6. Any table, tenant-scoped or not.
CREATE TABLE users (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email text NOT NULL
);
CREATE POLICY self_only ON users USING (id = current_setting('app.user_id')::uuid);
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
-- 7. Hostile identifiers: names with quotes, apostrophes, spaces, unicode,
-- and a column name that comes before the call in the expression.
CREATE SCHEMA "Resale";
CREATE TABLE "Resale"."Listings ""Live""" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    "seller's note" text,
    "prix é" numeric NOT NULL
);
CREATE POLICY "tenant's ""own"" é" ON "Resale"."Listings ""Live"""
    USING ("seller's note" IS DISTINCT FROM 'hidden'
           AND tenant_id = current_setting('app.current_tenant_id')::uuid);
ALTER TABLE "Resale"."Listings ""Live""" ENABLE ROW LEVEL SECURITY;
CREATE TABLE "order" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id)
);
CREATE POLICY "select" ON "order" FOR SELECT
    USING (tenant_id = current_setting('app.current_tenant_id')::uuid);
ALTER TABLE "order" ENABLE ROW LEVEL SECURITY;
