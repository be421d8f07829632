-- D001 stays silent: NOT VALID keys whose rows are all fine, NULL
-- references, a disabled key with no rows written meanwhile, inferred
-- references that all match, and a valid enforced key (never checked).
CREATE TABLE events (id bigint PRIMARY KEY);
INSERT INTO events VALUES (1), (2);
CREATE TABLE tickets (id bigint PRIMARY KEY, event_id bigint);
INSERT INTO tickets VALUES (1, 1), (2, NULL), (3, 2);
ALTER TABLE tickets ADD CONSTRAINT tickets_event_id_fkey FOREIGN KEY (event_id) REFERENCES events (id)
    ON DELETE RESTRICT NOT VALID;
CREATE INDEX ON tickets (event_id);
CREATE TABLE scans (ticket_id bigint REFERENCES tickets (id) ON DELETE CASCADE);
CREATE INDEX ON scans (ticket_id);
INSERT INTO scans VALUES (1), (3);
ALTER TABLE scans DISABLE TRIGGER ALL;
CREATE TABLE resale_listings (id bigint PRIMARY KEY, ticket_id bigint);
INSERT INTO resale_listings VALUES (1, 1), (2, NULL);
CREATE TABLE payments (id bigint PRIMARY KEY, event_id bigint NOT NULL REFERENCES events ON DELETE RESTRICT);
CREATE INDEX ON payments (event_id);
INSERT INTO payments VALUES (1, 2);
