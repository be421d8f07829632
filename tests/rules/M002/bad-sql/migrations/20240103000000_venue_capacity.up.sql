-- no 20240103000000_venue_capacity.down.sql beside it
ALTER TABLE venues ADD COLUMN capacity integer CHECK (capacity >= 0);
