-- S011 soft-delete-unique-not-partial: unique keys on soft-delete tables
-- that still count deleted rows, or list the soft-delete column itself.
CREATE TABLE tenants (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL
);
-- 1. A unique constraint, not partial.
CREATE TABLE users (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    email text NOT NULL,
    deleted_at timestamptz,
    UNIQUE (tenant_id, email)
);
-- 2. A unique key that includes deleted_at: active rows are not unique.
CREATE TABLE events (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    slug text NOT NULL,
    deleted_at timestamptz,
    UNIQUE (tenant_id, slug, deleted_at)
);
-- 3. A unique index, partial on something else.
CREATE TABLE promo_codes (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    code text NOT NULL,
    active boolean NOT NULL DEFAULT true,
    archived_at timestamptz
);
CREATE UNIQUE INDEX promo_codes_code_uq ON promo_codes (tenant_id, code) WHERE active;
-- 4. A boolean soft-delete flag; a key scoped by its parent event.
CREATE TABLE tickets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    event_id uuid NOT NULL REFERENCES events (id),
    seat text NOT NULL,
    is_deleted boolean NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX tickets_event_seat_uq ON tickets (event_id, seat);
-- 5. An expression key.
CREATE TABLE venues (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL,
    removed_at timestamptz
);
CREATE UNIQUE INDEX venues_name_uq ON venues (tenant_id, lower(name));
-- 6. Hostile identifiers: mixed-case soft-delete column, a quote, unicode,
-- a reserved word.
CREATE TABLE "Resale ""Listings""" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    "Listing Code" text NOT NULL,
    "order" integer NOT NULL,
    "Archived_At" timestamptz,
    CONSTRAINT "listing ""code"" key" UNIQUE (tenant_id, "Listing Code")
);
CREATE UNIQUE INDEX "Resale order é" ON "Resale ""Listings""" (tenant_id, "order", "Archived_At");
