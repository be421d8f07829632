-- S012 unchecked-value-column: money, quantities, percentages and statuses
-- that nothing constrains.
CREATE TABLE tenants (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL
);
CREATE TABLE events (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    capacity integer NOT NULL,
    tickets_sold integer NOT NULL DEFAULT 0,
    status text NOT NULL DEFAULT 'draft'
);
CREATE TABLE tickets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    event_id uuid NOT NULL REFERENCES events (id),
    price numeric(10, 2) NOT NULL,
    service_fee numeric(10, 2) NOT NULL DEFAULT 0,
    scan_status varchar(20)
);
CREATE TABLE payments (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    amount_cents bigint NOT NULL,
    -- a CHECK on another column does not cover this one
    refunded_amount bigint NOT NULL DEFAULT 0 CHECK (amount_cents > 0)
);
CREATE TABLE resale_listings (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    asking_price double precision NOT NULL,
    platform_fee_bps integer NOT NULL
);
CREATE TABLE royalties (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    royalty_percentage numeric NOT NULL,
    artist_pct real
);
-- A domain without a CHECK constrains nothing.
CREATE DOMAIN cents AS bigint;
CREATE TABLE payouts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    payout_amount cents NOT NULL
);
-- Hostile identifiers.
CREATE TABLE "order" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "Order_Total" numeric NOT NULL,
    "Status" text NOT NULL
);
CREATE TABLE "Ticket ""Tiers""" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "prix_price" numeric NOT NULL,
    "quantité_available" integer NOT NULL
);
