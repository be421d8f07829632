-- S004 cascade-from-financial-table: money and history rows that vanish
-- with their parent.
CREATE TABLE tenants (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL
);
CREATE TABLE users (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    email text NOT NULL
);
CREATE TABLE events (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL,
    UNIQUE (tenant_id, id)
);
CREATE TABLE tickets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE
);

-- Deleting a user deletes their payments.
CREATE TABLE payments (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- ON UPDATE and DEFERRABLE must survive the fix
    ticket_id uuid REFERENCES tickets (id) ON DELETE CASCADE ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED,
    amount_cents bigint NOT NULL CHECK (amount_cents >= 0)
);
-- Royalties of an event; composite key.
CREATE TABLE royalties (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL,
    event_id uuid NOT NULL,
    amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
    FOREIGN KEY (tenant_id, event_id) REFERENCES events (tenant_id, id) MATCH FULL ON DELETE CASCADE
);
-- History and audit tables.
CREATE TABLE ticket_history (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE audit_log (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    actor_id uuid REFERENCES users (id) ON DELETE CASCADE,
    action text NOT NULL
);
-- Partitioned ledger: the key is declared on the parent.
CREATE TABLE ledger_entries (
    id bigint GENERATED ALWAYS AS IDENTITY,
    tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    posted_at timestamptz NOT NULL,
    amount_cents bigint NOT NULL,
    PRIMARY KEY (id, posted_at)
) PARTITION BY RANGE (posted_at);
CREATE TABLE ledger_entries_2024 PARTITION OF ledger_entries FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');

-- Hostile identifiers.
CREATE TABLE "order" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id)
);
CREATE TABLE "Payouts" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "Order ""Ref""" bigint NOT NULL REFERENCES "order" (id) ON DELETE CASCADE,
    "bénéficiaire" uuid REFERENCES users (id) ON DELETE CASCADE,
    amount_cents bigint NOT NULL CHECK (amount_cents >= 0)
);
CREATE TABLE "refund requests" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "user" uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE
);
