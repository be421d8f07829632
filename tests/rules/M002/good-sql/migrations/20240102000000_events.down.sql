ALTER TABLE venues DROP CONSTRAINT venues_name_city_key;
DROP TABLE events;
