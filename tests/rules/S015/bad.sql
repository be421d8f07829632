-- S015 rls-disabled: tenant-scoped tables without row level security.
CREATE TABLE tenants (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL
);
-- The tenant column itself; no policy yet: the fix creates one first.
CREATE TABLE events (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL
);
-- Scoped through its parent: the policy goes through events.
CREATE TABLE tickets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    event_id uuid NOT NULL REFERENCES events (id),
    seat text NOT NULL
);
-- Two levels down (tickets has no tenant column either).
CREATE TABLE ticket_scans (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id uuid NOT NULL REFERENCES tickets (id),
    scanned_at timestamptz NOT NULL DEFAULT now()
);
-- Policies written, RLS never enabled: they are ignored.
CREATE TABLE payments (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    amount_cents bigint NOT NULL CHECK (amount_cents >= 0)
);
CREATE POLICY tenant_isolation ON payments
    USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid);
-- Tenant column under another name, of another type.
CREATE TABLE organizations_venues (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    venue_tenant uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL
);
-- Scoped through an inferred reference (no foreign key).
CREATE TABLE event_sessions (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id uuid NOT NULL,
    starts_at timestamptz NOT NULL
);
-- Partitioned.
CREATE TABLE ledger_entries (
    id bigint GENERATED ALWAYS AS IDENTITY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    posted_at timestamptz NOT NULL,
    PRIMARY KEY (id, posted_at)
) PARTITION BY RANGE (posted_at);
CREATE TABLE ledger_entries_2024 PARTITION OF ledger_entries FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
-- In another schema, with hostile identifiers.
CREATE SCHEMA "Resale";
CREATE TABLE "Resale"."Listings ""Live""" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    "prix é" numeric NOT NULL CHECK ("prix é" >= 0)
);
CREATE TABLE "Resale"."order" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "Listing Ref" bigint NOT NULL REFERENCES "Resale"."Listings ""Live""" (id)
);
