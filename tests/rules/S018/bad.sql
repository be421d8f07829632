-- S018 policy-not-tenant-scoped: permissive policies on tenant-scoped
-- tables that let other tenants' rows through.
CREATE TABLE tenants (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL
);
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ticketing_app') THEN
        CREATE ROLE ticketing_app;
    END IF;
END $$;

-- 1. USING (true).
CREATE TABLE events (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    is_public boolean NOT NULL DEFAULT false
);
CREATE POLICY events_all ON events USING (true);
ALTER TABLE events ENABLE ROW LEVEL SECURITY;

-- 2. tenant_id compared with a constant (a tenant hard-coded in a hotfix).
CREATE TABLE tickets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    event_id uuid NOT NULL REFERENCES events (id)
);
CREATE POLICY tickets_acme ON tickets
    USING (tenant_id = '00000000-0000-0000-0000-000000000001'::uuid);
ALTER TABLE tickets ENABLE ROW LEVEL SECURITY;

-- 3. An INSERT policy that checks nothing.
CREATE TABLE payments (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    amount_cents bigint NOT NULL CHECK (amount_cents >= 0)
);
CREATE POLICY payments_select ON payments FOR SELECT
    USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid);
CREATE POLICY payments_insert ON payments FOR INSERT WITH CHECK (true);
ALTER TABLE payments ENABLE ROW LEVEL SECURITY;

-- 4. An OR whose other side lets every tenant's public rows through.
CREATE TABLE resale_listings (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    is_public boolean NOT NULL DEFAULT true
);
CREATE POLICY listings_visible ON resale_listings FOR SELECT
    USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid OR is_public);
ALTER TABLE resale_listings ENABLE ROW LEVEL SECURITY;

-- 5. Reads are scoped, writes are not: UPDATE and ALL policies with a
-- WITH CHECK that accepts any tenant.
CREATE TABLE royalties (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    amount_cents bigint NOT NULL CHECK (amount_cents >= 0)
);
CREATE POLICY royalties_update ON royalties FOR UPDATE
    USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid)
    WITH CHECK (amount_cents >= 0);
CREATE POLICY royalties_all ON royalties
    USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid)
    WITH CHECK (true);
ALTER TABLE royalties ENABLE ROW LEVEL SECURITY;

-- 6. Compared with another column of the row; 7. a negation.
CREATE TABLE promo_codes (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    issuer_tenant_id uuid NOT NULL REFERENCES tenants (id),
    code text NOT NULL
);
CREATE POLICY promo_issuer ON promo_codes FOR SELECT USING (tenant_id = issuer_tenant_id);
CREATE POLICY promo_delete ON promo_codes FOR DELETE
    USING (NOT (tenant_id <> current_setting('app.current_tenant_id', true)::uuid));
ALTER TABLE promo_codes ENABLE ROW LEVEL SECURITY;

-- 8. A restrictive policy that binds SELECT only does not close the table
-- for writes.
CREATE TABLE venues (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id)
);
CREATE POLICY venues_open ON venues USING (true);
CREATE POLICY venues_tenant_read ON venues AS RESTRICTIVE FOR SELECT
    USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid);
ALTER TABLE venues ENABLE ROW LEVEL SECURITY;

-- 9. A restrictive policy that binds one role only: every other role still
-- has the permissive USING (true) to itself.
CREATE TABLE seat_holds (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id)
);
CREATE POLICY holds_open ON seat_holds USING (true);
CREATE POLICY holds_tenant ON seat_holds AS RESTRICTIVE TO ticketing_app
    USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid);
ALTER TABLE seat_holds ENABLE ROW LEVEL SECURITY;

-- 10. Scoped through its parent: only an EXISTS over the parent is
-- recognised (see the rule's comment), so IN (subquery) is reported.
CREATE TABLE ticket_scans (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id uuid NOT NULL REFERENCES tickets (id),
    gate text NOT NULL
);
CREATE POLICY scans_by_ticket ON ticket_scans
    USING (ticket_id IN (SELECT id FROM tickets
                         WHERE tenant_id = current_setting('app.current_tenant_id', true)::uuid));
ALTER TABLE ticket_scans ENABLE ROW LEVEL SECURITY;

-- 11. Hostile identifiers: schema, table and policy names.
CREATE SCHEMA "Resale";
CREATE TABLE "Resale"."Listings ""Live""" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    "prix é" numeric NOT NULL
);
CREATE POLICY "everyone's ""view"" é" ON "Resale"."Listings ""Live""" FOR SELECT USING ("prix é" >= 0);
ALTER TABLE "Resale"."Listings ""Live""" ENABLE ROW LEVEL SECURITY;
CREATE TABLE "order" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "Listing Ref" bigint NOT NULL REFERENCES "Resale"."Listings ""Live""" (id)
);
CREATE POLICY "user" ON "order" TO ticketing_app USING (true);
ALTER TABLE "order" ENABLE ROW LEVEL SECURITY;

-- A CASE with a branch that admits every row: an admin bypass hidden in a CASE.
CREATE FUNCTION is_admin() RETURNS boolean LANGUAGE sql STABLE AS $$ SELECT false $$;
CREATE TABLE admin_notes (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    body text NOT NULL
);
CREATE POLICY notes_case ON admin_notes
    USING (CASE WHEN is_admin() THEN true ELSE tenant_id = current_setting('app.current_tenant_id', true)::uuid END);
ALTER TABLE admin_notes ENABLE ROW LEVEL SECURITY;
