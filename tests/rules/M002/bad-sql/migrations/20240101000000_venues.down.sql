DROP TABLE venues;
