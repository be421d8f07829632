-- D004 stays silent: children of deleted parents are deleted too, and
-- parents without a soft-delete column are never "deleted".
CREATE TABLE venues (id int PRIMARY KEY, deleted_at timestamptz);
INSERT INTO venues VALUES (1, NULL), (2, now());
CREATE TABLE events (id int PRIMARY KEY, venue_id int REFERENCES venues ON DELETE RESTRICT, deleted_at timestamptz);
CREATE INDEX ON events (venue_id);
INSERT INTO events VALUES (10, 1, NULL), (11, 2, now());
CREATE TABLE organizers (id int PRIMARY KEY);
INSERT INTO organizers VALUES (1);
CREATE TABLE shows (id int PRIMARY KEY, organizer_id int REFERENCES organizers ON DELETE RESTRICT);
CREATE INDEX ON shows (organizer_id);
INSERT INTO shows VALUES (1, 1);
