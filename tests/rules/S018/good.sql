-- S018: policies bound to the current tenant, in the forms the rule
-- recognises, and policies it has no business judging.
CREATE TABLE tenants (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL
);
CREATE SCHEMA auth;
CREATE FUNCTION auth.tenant_id() RETURNS uuid LANGUAGE sql STABLE AS
    $$ SELECT nullif(current_setting('app.current_tenant_id', true), '')::uuid $$;
CREATE TABLE memberships (
    user_id uuid NOT NULL,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    PRIMARY KEY (user_id, tenant_id)
);
CREATE POLICY memberships_own ON memberships
    USING (user_id = current_setting('app.user_id', true)::uuid
           AND tenant_id = current_setting('app.current_tenant_id', true)::uuid);
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;

-- The canonical policy, and the setting on the left.
CREATE TABLE events (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    status text NOT NULL DEFAULT 'draft'
);
CREATE POLICY tenant_isolation ON events
    USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid)
    WITH CHECK (current_setting('app.current_tenant_id', true)::uuid = tenant_id);
-- AND with an unrelated condition: still bound.
CREATE POLICY events_published ON events FOR SELECT
    USING (tenant_id = auth.tenant_id() AND status <> 'draft');
ALTER TABLE events ENABLE ROW LEVEL SECURITY;

-- A function, IN (subquery), = ANY (array from a setting), OR of two
-- bound sides.
CREATE TABLE tickets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    event_id uuid NOT NULL REFERENCES events (id)
);
CREATE POLICY tickets_fn ON tickets FOR SELECT USING (tenant_id = auth.tenant_id());
CREATE POLICY tickets_member ON tickets FOR SELECT
    USING (tenant_id IN (SELECT m.tenant_id FROM memberships m
                         WHERE m.user_id = current_setting('app.user_id', true)::uuid));
CREATE POLICY tickets_many ON tickets FOR SELECT
    USING (tenant_id = ANY (string_to_array(current_setting('app.tenant_ids', true), ',')::uuid[]));
CREATE POLICY tickets_either ON tickets FOR UPDATE
    USING (tenant_id = auth.tenant_id() OR tenant_id = current_setting('app.current_tenant_id', true)::uuid);
-- INSERT with its check; DELETE needs no check.
CREATE POLICY tickets_insert ON tickets FOR INSERT WITH CHECK (tenant_id = auth.tenant_id());
CREATE POLICY tickets_delete ON tickets FOR DELETE USING (tenant_id = auth.tenant_id());
ALTER TABLE tickets ENABLE ROW LEVEL SECURITY;

-- An INSERT policy with no WITH CHECK admits no row at all (PostgreSQL
-- treats a policy without an expression as false): nothing leaks.
CREATE TABLE payments (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id)
);
CREATE POLICY payments_select ON payments FOR SELECT USING (tenant_id = auth.tenant_id());
CREATE POLICY payments_insert_disabled ON payments FOR INSERT;
ALTER TABLE payments ENABLE ROW LEVEL SECURITY;

-- A permissive USING (true) closed by a restrictive tenant policy for all
-- commands and all roles.
CREATE TABLE venues (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id)
);
CREATE POLICY venues_open ON venues USING (true);
CREATE POLICY venues_tenant ON venues AS RESTRICTIVE
    USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid);
ALTER TABLE venues ENABLE ROW LEVEL SECURITY;
-- Restrictive policies are not judged on their own.
CREATE TABLE seat_holds (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    expires_at timestamptz NOT NULL
);
CREATE POLICY holds_tenant ON seat_holds USING (tenant_id = auth.tenant_id());
CREATE POLICY holds_live ON seat_holds AS RESTRICTIVE USING (expires_at > now());
ALTER TABLE seat_holds ENABLE ROW LEVEL SECURITY;

-- Scoped through a parent: EXISTS over the parent.
CREATE TABLE ticket_scans (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id uuid NOT NULL REFERENCES tickets (id)
);
CREATE POLICY scans_tenant ON ticket_scans
    USING (EXISTS (SELECT 1 FROM tickets p WHERE p.id = ticket_scans.ticket_id
                   AND p.tenant_id = current_setting('app.current_tenant_id', true)::uuid));
ALTER TABLE ticket_scans ENABLE ROW LEVEL SECURITY;

-- The tenant column under another name.
CREATE TABLE api_keys (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES tenants (id)
);
CREATE POLICY api_keys_tenant ON api_keys
    USING (organization_id = current_setting('app.current_tenant_id', true)::uuid);
ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;

-- Not tenant-scoped: USING (true) on a global table is not S018's concern.
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
    "prix é" numeric NOT NULL
);
CREATE POLICY "tenant's ""own"" é" ON "Resale"."Listings ""Live"""
    USING (tenant_id = auth.tenant_id() AND "prix é" >= 0);
ALTER TABLE "Resale"."Listings ""Live""" ENABLE ROW LEVEL SECURITY;

-- A CASE whose every branch is tenant-bound or admits nothing (false).
CREATE FUNCTION auth.is_support() RETURNS boolean LANGUAGE sql STABLE AS $$ SELECT false $$;
CREATE TABLE support_notes (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    body text NOT NULL
);
CREATE POLICY notes_case ON support_notes
    USING (CASE WHEN auth.is_support() THEN false ELSE tenant_id = auth.tenant_id() END);
ALTER TABLE support_notes ENABLE ROW LEVEL SECURITY;
