-- S011: unique keys of soft-delete tables that leave deleted rows out, and
-- keys the rule leaves alone.
CREATE TABLE tenants (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL
);
CREATE TABLE users (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    email text NOT NULL,
    deleted_at timestamptz,
    -- generated values are unique by construction
    public_ref uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
    number bigint GENERATED ALWAYS AS IDENTITY UNIQUE
);
CREATE UNIQUE INDEX users_tenant_email_uq ON users (tenant_id, email) WHERE deleted_at IS NULL;
-- Partial on the soft-delete column combined with another condition.
CREATE TABLE promo_codes (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    code text NOT NULL,
    active boolean NOT NULL DEFAULT true,
    archived_at timestamptz
);
CREATE UNIQUE INDEX promo_codes_code_uq ON promo_codes (tenant_id, code) WHERE active AND archived_at IS NULL;
-- Boolean flag.
CREATE TABLE tickets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    seat text NOT NULL,
    is_deleted boolean NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX tickets_seat_uq ON tickets (tenant_id, seat) WHERE NOT is_deleted;
-- No soft-delete column: a plain unique key is right.
CREATE TABLE events (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    slug text NOT NULL,
    UNIQUE (tenant_id, slug)
);
-- Hostile names.
CREATE TABLE "Resale ""Listings""" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    "Listing Code" text NOT NULL,
    "Archived_At" timestamptz
);
CREATE UNIQUE INDEX "Resale code é" ON "Resale ""Listings""" (tenant_id, "Listing Code") WHERE "Archived_At" IS NULL;

-- Two soft-delete columns: a key partial on either one is fine.  A key that
-- holds the primary key is unique whatever is deleted (a composite foreign
-- key target), and tokens are random values nobody re-uses.
CREATE TABLE syncs (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    deleted_at timestamptz,
    access_token text NOT NULL,
    CONSTRAINT syncs_id_name_key UNIQUE (id, name),
    CONSTRAINT syncs_access_token_key UNIQUE (access_token)
);
CREATE UNIQUE INDEX syncs_name_live ON syncs (name) WHERE deleted_at IS NULL;
