-- S006 nullable-required-reference: foreign keys that look required but
-- allow NULL.
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
    name text NOT NULL
);
CREATE TABLE categories (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL
);
CREATE TABLE ticket_types (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL
);
-- Listed in the guide's required relationships: tickets.event_id,
-- tickets.ticket_type_id, payments.user_id.
CREATE TABLE tickets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    event_id uuid REFERENCES events (id),
    ticket_type_id bigint REFERENCES ticket_types (id)
);
CREATE TABLE payments (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    user_id uuid REFERENCES users (id) ON DELETE RESTRICT,
    amount_cents bigint NOT NULL CHECK (amount_cents >= 0)
);
-- Named after its parent (ticket_scans -> tickets), with ON DELETE CASCADE.
CREATE TABLE ticket_scans (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id uuid REFERENCES tickets (id) ON DELETE CASCADE,
    scanned_at timestamptz NOT NULL DEFAULT now()
);
-- Detail tables named after their parent.
CREATE TABLE event_images (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id uuid REFERENCES events (id),
    url text NOT NULL
);
CREATE TABLE category_translations (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    category_id bigint REFERENCES categories (id),
    locale text NOT NULL
);
-- Hostile identifiers: a parent named by a reserved word, its detail table,
-- mixed case, spaces, quotes, unicode.  "Ticket ""Notes""" is optional by
-- design (ON DELETE CASCADE alone does not make a key required): silent.
CREATE TABLE "order" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id)
);
CREATE TABLE order_lines (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "Order Ref" bigint REFERENCES "order" (id)
);
CREATE TABLE "Ticket ""Notes""" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "billet" uuid REFERENCES tickets (id) ON DELETE CASCADE,
    "Auteur é" uuid REFERENCES users (id) ON DELETE CASCADE
);
