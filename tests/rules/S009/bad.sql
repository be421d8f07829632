-- S009 unique-without-tenant: unique keys of tenant-scoped tables that are
-- global across tenants.
CREATE TABLE tenants (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL
);
-- A unique constraint on email.
CREATE TABLE users (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    email text NOT NULL UNIQUE
);
-- A unique index on slug, and one on an expression.
CREATE TABLE events (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    slug text NOT NULL,
    name text NOT NULL
);
CREATE UNIQUE INDEX events_slug_uq ON events (slug);
CREATE UNIQUE INDEX events_name_uq ON events (lower(name));
-- A partial unique index: the fix keeps its WHERE clause.
CREATE TABLE promo_codes (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    code text NOT NULL,
    active boolean NOT NULL DEFAULT true
);
CREATE UNIQUE INDEX promo_codes_active_code_uq ON promo_codes (code) WHERE active;
-- A soft-delete table: the fix adds the soft-delete condition.
CREATE TABLE venues (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL,
    deleted_at timestamptz
);
CREATE UNIQUE INDEX venues_name_uq ON venues (name);
-- Two columns, neither scoped to a tenant.
CREATE TABLE tickets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    serial_number text NOT NULL,
    barcode_format text NOT NULL,
    CONSTRAINT tickets_serial_key UNIQUE (barcode_format, serial_number)
);
-- Scoped through a parent under another name: organization_id references
-- tenants, so it is the tenant column.
CREATE TABLE api_keys (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES tenants (id),
    label text NOT NULL,
    UNIQUE (label)
);
-- Hostile identifiers.
CREATE TABLE "Resale ""Listings""" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    "Listing Code" text NOT NULL,
    "order" integer NOT NULL,
    "référence" text NOT NULL,
    CONSTRAINT "listing ""code"" key" UNIQUE ("Listing Code")
);
CREATE UNIQUE INDEX "Resale order é" ON "Resale ""Listings""" ("order", "référence");
