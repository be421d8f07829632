-- S001: tables that have a primary key, however it was declared.
CREATE TABLE tenants (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL
);

CREATE TABLE events (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL
);

-- Composite key on a join table.
CREATE TABLE event_performers (
    event_id bigint NOT NULL REFERENCES events (id),
    performer_name text NOT NULL,
    PRIMARY KEY (event_id, performer_name)
);

-- Key added afterwards, from a unique index.
CREATE TABLE ticket_scans (
    ticket_serial text NOT NULL,
    scanned_at timestamptz NOT NULL DEFAULT now(),
    gate text NOT NULL
);
CREATE UNIQUE INDEX ticket_scans_serial_at ON ticket_scans (ticket_serial, scanned_at);
ALTER TABLE ticket_scans ADD CONSTRAINT ticket_scans_pkey PRIMARY KEY USING INDEX ticket_scans_serial_at;

-- Partitioned table whose key includes the partition key; its partitions
-- inherit it.
CREATE TABLE scan_log (
    id bigint GENERATED ALWAYS AS IDENTITY,
    scanned_at timestamptz NOT NULL,
    gate text NOT NULL,
    PRIMARY KEY (id, scanned_at)
) PARTITION BY RANGE (scanned_at);
CREATE TABLE scan_log_2024 PARTITION OF scan_log FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE scan_log_2025 PARTITION OF scan_log FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');

-- Hostile names with keys.
CREATE TABLE "order" (
    "ID" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    total_cents bigint NOT NULL CHECK (total_cents >= 0)
);
CREATE TABLE "Ticket ""Transfers""" (
    "transfer id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    "To User" uuid NOT NULL
);
CREATE TABLE "billets_événement" (
    numéro integer PRIMARY KEY
);

-- Views and materialized views are not tables.
CREATE VIEW event_names AS SELECT id, name FROM events;
CREATE MATERIALIZED VIEW event_counts AS SELECT tenant_id, count(*) AS n FROM events GROUP BY tenant_id;
