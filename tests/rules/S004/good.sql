-- S004: financial tables whose parents cannot take them down, and cascades
-- the rule deliberately leaves alone.
CREATE TABLE tenants (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL
);
CREATE TABLE users (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    email text NOT NULL
);
CREATE TABLE events (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name text NOT NULL
);
-- Not a financial table: cascading is a choice.
CREATE TABLE tickets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE
);
-- "catalog" is not a log, "charger_stations" holds no charges.
CREATE TABLE event_catalog (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE
);
CREATE TABLE charger_stations (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE
);
-- Financial tables with RESTRICT, NO ACTION and SET NULL.
CREATE TABLE payments (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT,
    user_id uuid NOT NULL REFERENCES users (id),
    ticket_id uuid REFERENCES tickets (id) ON DELETE SET NULL,
    amount_cents bigint NOT NULL CHECK (amount_cents >= 0)
);
-- Details of a financial record may cascade from it.
CREATE TABLE refunds (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    payment_id uuid NOT NULL REFERENCES payments (id) ON DELETE CASCADE,
    amount_cents bigint NOT NULL CHECK (amount_cents >= 0)
);
CREATE TABLE payment_items (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    payment_id uuid NOT NULL REFERENCES payments (id) ON DELETE CASCADE,
    ticket_id uuid REFERENCES tickets (id) ON DELETE RESTRICT
);
CREATE TABLE royalty_splits (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    refund_id uuid NOT NULL REFERENCES refunds (id) ON DELETE CASCADE
);
CREATE TABLE ticket_history (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id uuid REFERENCES tickets (id) ON DELETE SET NULL,
    changed_at timestamptz NOT NULL DEFAULT now()
);
-- Hostile names, no cascade.
CREATE TABLE "Payouts" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "bénéficiaire" uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    "Payment ""Ref""" uuid REFERENCES payments (id) ON DELETE CASCADE
);
