-- one statement over the whole table
UPDATE tickets SET status = 'valid' WHERE status IS NULL;
ALTER TABLE tickets ALTER COLUMN status SET NOT NULL;
