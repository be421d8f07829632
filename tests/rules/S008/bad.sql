-- S008 disabled-foreign-key-trigger: a bulk load left triggers disabled.
CREATE TABLE tenants (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL
);
CREATE TABLE events (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL
);
CREATE TABLE tickets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    event_id uuid NOT NULL REFERENCES events (id) ON DELETE RESTRICT ON UPDATE CASCADE,
    original_ticket_id uuid REFERENCES tickets (id)
);
CREATE TABLE resale_listings (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    ticket_id uuid NOT NULL REFERENCES tickets (id)
);
-- The bulk load of tickets: its own keys (tenant, event, the self
-- reference) lose their checks, and so does resale_listings.ticket_id,
-- whose ON DELETE action lives on tickets.
ALTER TABLE tickets DISABLE TRIGGER ALL;

-- Only the referenced side disabled.
CREATE TABLE payments (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    listing_id bigint REFERENCES resale_listings (id)
);
CREATE TABLE royalties (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    payment_id uuid NOT NULL REFERENCES payments (id)
);
ALTER TABLE payments DISABLE TRIGGER ALL;

-- One internal trigger, disabled by name.
CREATE TABLE "Ticket ""Scans""" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "Event é" uuid NOT NULL,
    CONSTRAINT "scan ""event"" fk" FOREIGN KEY ("Event é") REFERENCES events (id)
);
DO $$
DECLARE t text;
BEGIN
    SELECT tgname INTO t FROM pg_trigger
     WHERE tgrelid = '"Ticket ""Scans"""'::regclass AND tgisinternal LIMIT 1;
    EXECUTE format('ALTER TABLE %s DISABLE TRIGGER %I', '"Ticket ""Scans"""', t);
END $$;
