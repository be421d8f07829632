-- D001: orphans where nothing guarantees the reference.
CREATE TABLE events (id bigint PRIMARY KEY, name text NOT NULL);
INSERT INTO events VALUES (1, 'Opening'), (2, 'Finale');

-- A foreign key added NOT VALID over rows that were already broken:
-- 2 orphans (events 7 and 9); the NULL is not an orphan.
CREATE TABLE tickets (id bigint PRIMARY KEY, event_id bigint, seat text);
INSERT INTO tickets VALUES (1, 1, 'A1'), (2, 7, 'A2'), (3, NULL, 'GA'), (4, 9, 'A3'), (5, 2, 'B1');
ALTER TABLE tickets ADD CONSTRAINT tickets_event_id_fkey FOREIGN KEY (event_id) REFERENCES events (id)
    ON DELETE RESTRICT NOT VALID;
CREATE INDEX ON tickets (event_id);

-- A composite key, NOT VALID: (1, 'X9') and (2, 'Z1') have no section; a
-- row with a NULL in either column is not checked (MATCH SIMPLE).
CREATE TABLE sections (event_id bigint REFERENCES events ON DELETE RESTRICT, code text,
                       PRIMARY KEY (event_id, code));
INSERT INTO sections VALUES (1, 'A'), (1, 'B'), (2, 'A');
CREATE TABLE holds (id bigint PRIMARY KEY, event_id bigint, section_code text);
INSERT INTO holds VALUES (1, 1, 'A'), (2, 1, 'X9'), (3, 2, 'Z1'), (4, NULL, 'Q'), (5, 2, NULL);
ALTER TABLE holds ADD CONSTRAINT holds_section_fkey FOREIGN KEY (event_id, section_code)
    REFERENCES sections (event_id, code) ON DELETE RESTRICT NOT VALID;

-- A valid foreign key whose triggers were disabled for a bulk load: the
-- three rows inserted meanwhile point at nothing.
CREATE TABLE "Scan Log" ("ticket Id" bigint REFERENCES tickets (id) ON DELETE CASCADE, at timestamptz);
CREATE INDEX ON "Scan Log" ("ticket Id");
INSERT INTO "Scan Log" VALUES (1, now()), (5, now());
ALTER TABLE "Scan Log" DISABLE TRIGGER ALL;
INSERT INTO "Scan Log" VALUES (40, now()), (41, now()), (42, now());

-- No foreign key at all (an inferred reference): one orphan.
CREATE TABLE resale_listings (id bigint PRIMARY KEY, ticket_id bigint NOT NULL, price numeric CHECK (price >= 0));
INSERT INTO resale_listings VALUES (1, 1, 20), (2, 77, 30);
