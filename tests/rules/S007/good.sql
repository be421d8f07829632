-- S007: constraints that were validated, at creation or afterwards.
CREATE TABLE tenants (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL
);
CREATE TABLE events (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    starts_at timestamptz NOT NULL,
    ends_at timestamptz NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE TABLE tickets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL,
    event_id uuid NOT NULL,
    price_cents bigint NOT NULL
);
-- The safe migration: NOT VALID, then VALIDATE.
ALTER TABLE tickets ADD CONSTRAINT tickets_price_cents_check CHECK (price_cents >= 0) NOT VALID;
ALTER TABLE tickets VALIDATE CONSTRAINT tickets_price_cents_check;
ALTER TABLE tickets ADD CONSTRAINT tickets_event_id_fkey FOREIGN KEY (event_id) REFERENCES events (id) NOT VALID;
ALTER TABLE tickets VALIDATE CONSTRAINT tickets_event_id_fkey;
-- A NOT VALID constraint on a domain is not a table's constraint.
CREATE DOMAIN percentage AS numeric;
ALTER DOMAIN percentage ADD CONSTRAINT percentage_range CHECK (VALUE BETWEEN 0 AND 100) NOT VALID;
CREATE TABLE royalties (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    royalty_percentage percentage NOT NULL
);
-- Hostile names, validated.
CREATE TABLE "Resale ""Listings""" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "Ticket" uuid NOT NULL,
    "prix é" numeric NOT NULL
);
ALTER TABLE "Resale ""Listings""" ADD CONSTRAINT "Listing ""ticket"" fk" FOREIGN KEY ("Ticket") REFERENCES tickets (id) NOT VALID;
ALTER TABLE "Resale ""Listings""" VALIDATE CONSTRAINT "Listing ""ticket"" fk";
ALTER TABLE "Resale ""Listings""" ADD CONSTRAINT "prix positif" CHECK ("prix é" > 0);
