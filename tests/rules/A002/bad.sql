-- A002: the orphan check of tickets cannot finish: another session holds
-- tickets locked (bad.lock) past the lock timeout.  It must be reported as
-- not completed, never as clean.
CREATE TABLE events (id bigint PRIMARY KEY);
CREATE TABLE tickets (id bigint PRIMARY KEY, event_id bigint);
INSERT INTO events VALUES (1);
INSERT INTO tickets VALUES (1, 1), (2, 5);
ALTER TABLE tickets ADD CONSTRAINT tickets_event_id_fkey FOREIGN KEY (event_id) REFERENCES events (id)
    ON DELETE RESTRICT NOT VALID;
CREATE INDEX ON tickets (event_id);
