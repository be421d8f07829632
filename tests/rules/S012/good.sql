-- S012: value columns that something constrains, and columns the rule
-- leaves alone.
CREATE TABLE tenants (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL
);
-- Enum-typed status; checks on one and on two columns.
CREATE TYPE event_status AS ENUM ('draft', 'on_sale', 'sold_out', 'cancelled');
CREATE TABLE events (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    status event_status NOT NULL DEFAULT 'draft',
    capacity integer NOT NULL CHECK (capacity >= 0),
    tickets_sold integer NOT NULL DEFAULT 0,
    CHECK (tickets_sold BETWEEN 0 AND capacity),
    -- not value columns: a timestamp, a text price label
    status_changed_at timestamptz,
    price_label text
);
-- Status from a lookup table.
CREATE TABLE ticket_scan_statuses (
    code text PRIMARY KEY
);
-- Domains with a CHECK, and a domain over such a domain (it inherits the
-- CHECK).
CREATE DOMAIN cents AS bigint CHECK (VALUE >= 0);
CREATE DOMAIN ticket_price_cents AS cents;
CREATE DOMAIN percentage AS numeric CHECK (VALUE BETWEEN 0 AND 100);
CREATE TABLE tickets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    event_id uuid NOT NULL REFERENCES events (id),
    price_cents cents NOT NULL,
    face_price ticket_price_cents NOT NULL,
    scan_status text NOT NULL REFERENCES ticket_scan_statuses (code),
    -- a generated column follows from checked ones
    total_cents bigint GENERATED ALWAYS AS (price_cents + 100) STORED,
    -- arrays are out of scope
    price_history numeric[]
);
CREATE TABLE royalties (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    royalty_percentage percentage NOT NULL,
    platform_fee_bps integer NOT NULL CHECK (platform_fee_bps BETWEEN 0 AND 10000)
);
-- A check added NOT VALID still constrains new rows (S007 asks to validate).
CREATE TABLE payments (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    amount_cents bigint NOT NULL
);
ALTER TABLE payments ADD CONSTRAINT payments_amount_cents_check CHECK (amount_cents > 0) NOT VALID;
-- Hostile names with checks.
CREATE TYPE "Order Status" AS ENUM ('open', 'paid');
CREATE TABLE "order" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "Order_Total" numeric NOT NULL CHECK ("Order_Total" >= 0),
    "Status" "Order Status" NOT NULL,
    "quantité_available" integer NOT NULL CHECK ("quantité_available" >= 0)
);

-- An integer "total" is a count (comments, uploads), not an amount.
CREATE TABLE card_stats (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    comments_total integer NOT NULL DEFAULT 0
);
