-- S013 missing-tenant-id: tables that hold a tenant's rows only through a
-- parent.
CREATE TABLE tenants (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL
);
CREATE TABLE events (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL
);
CREATE INDEX ON events (tenant_id);
-- Through a declared foreign key.
CREATE TABLE tickets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    event_id uuid NOT NULL REFERENCES events (id),
    seat text NOT NULL
);
-- Two levels down: scoped through tickets, which has no tenant column yet
-- (no fix until tickets has one).
CREATE TABLE ticket_scans (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id uuid NOT NULL REFERENCES tickets (id),
    scanned_at timestamptz NOT NULL DEFAULT now()
);
-- Through an inferred (high-confidence) reference, no foreign key.
CREATE TABLE event_sessions (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id uuid NOT NULL,
    starts_at timestamptz NOT NULL
);
-- Parent whose tenant column has another name: a reference to tenants.
CREATE TABLE venues (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL
);
CREATE TABLE venue_doors (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    venue_id bigint NOT NULL REFERENCES venues (id),
    label text NOT NULL
);
-- A partitioned child of events.
CREATE TABLE event_checkins (
    id bigint GENERATED ALWAYS AS IDENTITY,
    event_id uuid NOT NULL REFERENCES events (id),
    checked_in_at timestamptz NOT NULL,
    PRIMARY KEY (id, checked_in_at)
) PARTITION BY RANGE (checked_in_at);
CREATE TABLE event_checkins_2024 PARTITION OF event_checkins FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
-- Hostile identifiers.
CREATE TABLE "order" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id)
);
CREATE TABLE "Order Lines" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "Order ""Ref""" bigint NOT NULL REFERENCES "order" (id),
    "quantité" integer NOT NULL CHECK ("quantité" > 0)
);
CREATE TABLE "Événements ""VIP""" (
    "ID" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    "Event" uuid NOT NULL REFERENCES events (id)
);
