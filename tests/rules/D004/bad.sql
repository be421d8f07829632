-- D004: active rows whose parent is soft-deleted.
CREATE TABLE venues (id int PRIMARY KEY, name text NOT NULL, deleted_at timestamptz);
INSERT INTO venues VALUES (1, 'Arena', NULL), (2, 'Old Hall', now());
-- two live events at the deleted venue; the deleted event there is fine
CREATE TABLE events (id int PRIMARY KEY, venue_id int REFERENCES venues ON DELETE RESTRICT,
                     deleted_at timestamptz);
CREATE INDEX ON events (venue_id);
INSERT INTO events VALUES (10, 1, NULL), (11, 2, NULL), (12, 2, NULL), (13, 2, now());
-- a table without soft delete of its own, a boolean flag on the parent
CREATE TABLE "Sellers" (id int PRIMARY KEY, is_deleted boolean NOT NULL DEFAULT false);
INSERT INTO "Sellers" VALUES (1, false), (2, true);
CREATE TABLE listings (id int PRIMARY KEY, seller_id int REFERENCES "Sellers" ON DELETE RESTRICT);
CREATE INDEX ON listings (seller_id);
INSERT INTO listings VALUES (1, 1), (2, 2), (3, NULL);
