-- leaves venues_name_city_key behind
DROP TABLE events;
