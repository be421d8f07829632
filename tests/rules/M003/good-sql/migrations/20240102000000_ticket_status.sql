-- the column is new: there is nothing to backfill, a default fills it
ALTER TABLE tickets ADD COLUMN checked_in boolean NOT NULL DEFAULT false;
UPDATE tickets SET status = 'void' WHERE id = '00000000-0000-0000-0000-000000000001';
