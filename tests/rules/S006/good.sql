-- S006: required references that are NOT NULL, and nullable references that
-- are optional on purpose.
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
    -- the tenant column is S005's
    tenant_id uuid REFERENCES tenants (id),
    name text NOT NULL
);
CREATE TABLE promo_codes (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code text NOT NULL
);
CREATE TABLE tickets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    event_id uuid NOT NULL REFERENCES events (id),
    -- optional: not every ticket was bought with a promo code
    promo_code_id bigint REFERENCES promo_codes (id),
    -- optional by design: SET NULL when the holder account is deleted
    holder_id uuid REFERENCES users (id) ON DELETE SET NULL
);
CREATE TABLE ticket_scans (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    scanned_by uuid REFERENCES users (id)
);
CREATE TABLE event_images (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id uuid NOT NULL REFERENCES events (id),
    -- the table is named after events, not after users
    uploaded_by uuid REFERENCES users (id)
);
-- Not a detail table of events: "events_archive" does not start with "event_".
CREATE TABLE events_archive (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id uuid REFERENCES events (id)
);
-- Composite keys are out of scope (MATCH SIMPLE lets partial NULLs through
-- on purpose).
CREATE TABLE seat_maps (
    event_id uuid NOT NULL REFERENCES events (id),
    section text NOT NULL,
    PRIMARY KEY (event_id, section)
);
CREATE TABLE event_holds (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id uuid NOT NULL REFERENCES events (id),
    section text,
    FOREIGN KEY (event_id, section) REFERENCES seat_maps (event_id, section)
);
-- SET DEFAULT and hostile names.
CREATE TABLE "order" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id)
);
CREATE TABLE order_lines (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "Order Ref" bigint NOT NULL REFERENCES "order" (id),
    "gifted to é" uuid REFERENCES users (id) ON DELETE SET DEFAULT
);
