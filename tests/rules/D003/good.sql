-- D003 stays silent: every reference stays within its tenant; a composite
-- key (tenant_id, event_id) cannot cross tenants and is not checked; a
-- reference to a table without tenant (currencies) is not checked.
CREATE TABLE tenants (id int PRIMARY KEY);
INSERT INTO tenants VALUES (1), (2);
CREATE TABLE currencies (code text PRIMARY KEY);
INSERT INTO currencies VALUES ('USD'), ('EUR');
CREATE TABLE events (id int, tenant_id int NOT NULL REFERENCES tenants ON DELETE RESTRICT,
                     PRIMARY KEY (id), UNIQUE (tenant_id, id));
INSERT INTO events VALUES (10, 1), (20, 2);
CREATE TABLE tickets (id int PRIMARY KEY, tenant_id int NOT NULL REFERENCES tenants ON DELETE RESTRICT,
                      event_id int, currency_code text REFERENCES currencies ON DELETE RESTRICT,
                      FOREIGN KEY (tenant_id, event_id) REFERENCES events (tenant_id, id) ON DELETE RESTRICT);
CREATE INDEX ON tickets (tenant_id, event_id);
CREATE INDEX ON tickets (currency_code);
INSERT INTO tickets VALUES (1, 1, 10, 'USD'), (2, 2, 20, 'EUR');
CREATE TABLE listings (id int PRIMARY KEY, tenant_id int NOT NULL REFERENCES tenants ON DELETE RESTRICT,
                       ticket_id int REFERENCES tickets ON DELETE RESTRICT);
CREATE INDEX ON listings (tenant_id);
CREATE INDEX ON listings (ticket_id);
INSERT INTO listings VALUES (1, 1, 1), (2, 2, 2), (3, 2, NULL);
