-- S003: reference-like columns that have their foreign key, and the near
-- misses the rule leaves alone.
CREATE TABLE tenants (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL
);
CREATE TABLE users (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    email text NOT NULL,
    -- external ids: the provider's, not ours
    stripe_customer_id text,
    auth0_user_id text,
    google_id text
);
CREATE TABLE venues (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL
);
CREATE TABLE events (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    venue_id uuid NOT NULL REFERENCES venues (id),
    created_by uuid REFERENCES users (id),
    name text NOT NULL
);
CREATE TABLE tickets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    event_id uuid NOT NULL REFERENCES events (id),
    holder_id uuid REFERENCES users (id),
    -- a column named like a table but of a type that cannot hold its key
    -- (the venue's code printed on the ticket, not its uuid)
    venue_id integer,
    -- session, device and request identifiers belong to other systems
    session_id uuid,
    device_id text,
    request_id uuid
);
-- Polymorphic pair: commentable_type says which table commentable_id is in.
CREATE TABLE comments (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    commentable_type text NOT NULL,
    commentable_id uuid NOT NULL,
    author_id uuid NOT NULL REFERENCES users (id),
    body text NOT NULL
);
-- The table's own key, although named after another table (1:1 extension).
CREATE TABLE event_details (
    event_id uuid PRIMARY KEY REFERENCES events (id),
    description text
);
-- Payment provider and blockchain references.
CREATE TABLE payments (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    ticket_id uuid NOT NULL REFERENCES tickets (id),
    paypal_order_id text,
    external_id text,
    chain_id integer,
    mint_tx_id text,
    idempotency_key text NOT NULL,
    amount_cents bigint NOT NULL CHECK (amount_cents >= 0)
);
-- Composite foreign key covering both columns.
CREATE TABLE seat_maps (
    event_id uuid NOT NULL REFERENCES events (id),
    section text NOT NULL,
    PRIMARY KEY (event_id, section)
);
CREATE TABLE seat_holds (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id uuid NOT NULL,
    section text NOT NULL,
    FOREIGN KEY (event_id, section) REFERENCES seat_maps (event_id, section)
);
-- Arrays of ids and columns of a table without a usable key.
CREATE TABLE audit_snapshots (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_ids uuid[] NOT NULL,
    import_batch_id bigint
);
CREATE TABLE import_batches (
    loaded_at timestamptz NOT NULL,
    file text NOT NULL
);
-- Self reference with its key; hostile names with their keys.
CREATE TABLE categories (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    parent_id bigint REFERENCES categories (id)
);
CREATE TABLE "order" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES users (id)
);
CREATE TABLE "Order Lines" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id bigint NOT NULL REFERENCES "order" (id),
    "eventId" uuid REFERENCES events (id),
    "Note ""internal""" text
);
