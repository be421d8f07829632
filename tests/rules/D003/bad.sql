-- D003: rows whose reference points at another tenant's row.
CREATE TABLE tenants (id int PRIMARY KEY);
INSERT INTO tenants VALUES (1), (2);
CREATE TABLE events (id int PRIMARY KEY, tenant_id int NOT NULL REFERENCES tenants ON DELETE RESTRICT);
CREATE INDEX ON events (tenant_id);
INSERT INTO events VALUES (10, 1), (20, 2);
-- declared key: ticket 2 (tenant 1) points at event 20 (tenant 2)
CREATE TABLE tickets (id int PRIMARY KEY, tenant_id int NOT NULL REFERENCES tenants ON DELETE RESTRICT,
                      event_id int REFERENCES events ON DELETE RESTRICT);
CREATE INDEX ON tickets (tenant_id);
CREATE INDEX ON tickets (event_id);
INSERT INTO tickets VALUES (1, 1, 10), (2, 1, 20), (3, 2, 20), (4, 2, NULL);
-- inferred reference (no key) and a quoted name: two listings cross over
CREATE TABLE "Listings" (id int PRIMARY KEY, tenant_id int NOT NULL REFERENCES tenants ON DELETE RESTRICT,
                         ticket_id int);
CREATE INDEX ON "Listings" (tenant_id);
INSERT INTO "Listings" VALUES (1, 1, 1), (2, 2, 1), (3, 1, 3), (4, 1, 99);
