-- S009: unique keys that are per tenant, directly or through a tenant's
-- parent row, and unique keys on generated values.
CREATE TABLE tenants (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    -- the tenants table itself is not tenant-scoped
    slug text NOT NULL UNIQUE,
    name text NOT NULL
);
CREATE TABLE users (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    email text NOT NULL,
    UNIQUE (tenant_id, email)
);
CREATE UNIQUE INDEX users_tenant_lower_email_uq ON users (tenant_id, lower(email));
CREATE TABLE events (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    slug text NOT NULL,
    -- generated values are unique by construction
    public_ref uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
    number bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    legacy_id bigserial UNIQUE
);
CREATE UNIQUE INDEX events_slug_uq ON events (slug, tenant_id);
-- Unique per event, and events are tenant-scoped: per tenant already.
CREATE TABLE tickets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    event_id uuid NOT NULL REFERENCES events (id),
    seat text NOT NULL,
    UNIQUE (event_id, seat)
);
-- The same through an inferred (high-confidence) reference with no key.
CREATE TABLE seat_holds (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    event_id uuid NOT NULL,
    seat text NOT NULL,
    UNIQUE (event_id, seat)
);
-- Global tables with global unique keys.
CREATE TABLE currencies (
    code char(3) PRIMARY KEY,
    iso_number integer NOT NULL UNIQUE
);
-- A tenant column under another name, in the key.
CREATE TABLE api_keys (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES tenants (id),
    label text NOT NULL,
    UNIQUE (organization_id, label)
);
-- Hostile names, per tenant.
CREATE TABLE "Resale ""Listings""" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    "Listing Code" text NOT NULL,
    "order" integer NOT NULL,
    CONSTRAINT "listing ""code"" key" UNIQUE (tenant_id, "Listing Code")
);
CREATE UNIQUE INDEX "Resale order é" ON "Resale ""Listings""" ("order", tenant_id);
