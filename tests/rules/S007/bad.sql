-- S007 not-valid-constraint: constraints added NOT VALID and never
-- validated.
CREATE TABLE tenants (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL
);
CREATE TABLE events (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL,
    starts_at timestamptz NOT NULL,
    ends_at timestamptz NOT NULL,
    UNIQUE (tenant_id, id)
);
CREATE TABLE tickets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL,
    event_id uuid NOT NULL,
    price_cents bigint NOT NULL
);
-- A single-column CHECK, a foreign key, a composite foreign key.
ALTER TABLE tickets ADD CONSTRAINT tickets_price_cents_check CHECK (price_cents >= 0) NOT VALID;
ALTER TABLE tickets ADD CONSTRAINT tickets_event_id_fkey FOREIGN KEY (event_id) REFERENCES events (id) NOT VALID;
ALTER TABLE tickets ADD CONSTRAINT tickets_tenant_event_fkey FOREIGN KEY (tenant_id, event_id)
    REFERENCES events (tenant_id, id) NOT VALID;
-- A CHECK over two columns: reported on the table.
ALTER TABLE events ADD CONSTRAINT events_dates_check CHECK (ends_at > starts_at) NOT VALID;

CREATE TABLE royalties (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    royalty_percentage numeric NOT NULL
);
-- BETWEEN, as PostgreSQL prints it back.
ALTER TABLE royalties ADD CONSTRAINT royalties_pct_range CHECK (royalty_percentage BETWEEN 0 AND 100) NOT VALID;

-- Hostile identifiers.
CREATE TABLE "Resale ""Listings""" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "Ticket" uuid NOT NULL,
    "prix é" numeric NOT NULL,
    "order" integer NOT NULL
);
ALTER TABLE "Resale ""Listings""" ADD CONSTRAINT "Listing ""ticket"" fk" FOREIGN KEY ("Ticket") REFERENCES tickets (id) NOT VALID;
ALTER TABLE "Resale ""Listings""" ADD CONSTRAINT "prix positif" CHECK ("prix é" > 0) NOT VALID;
ALTER TABLE "Resale ""Listings""" ADD CONSTRAINT order_check CHECK ("order" >= 0 AND "order" <> 13) NOT VALID;
