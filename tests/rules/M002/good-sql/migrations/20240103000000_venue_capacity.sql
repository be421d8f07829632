-- a lone .sql file: its format rolls forward only, it has no down
ALTER TABLE venues ADD COLUMN capacity integer CHECK (capacity >= 0);
