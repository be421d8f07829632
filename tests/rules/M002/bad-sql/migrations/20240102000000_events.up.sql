CREATE TABLE events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  venue_id uuid NOT NULL REFERENCES venues (id) ON DELETE RESTRICT,
  title text NOT NULL
);
CREATE INDEX events_venue_id_idx ON events (venue_id);
ALTER TABLE venues ADD CONSTRAINT venues_name_city_key UNIQUE (name, city);
