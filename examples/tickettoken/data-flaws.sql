-- data-flaws.sql: broken rows of the kind a live TicketToken database
-- collects, loaded after seed.sql.  `dbaudit db --data` counts them
-- (rules D001, D002); the exact counts are in expected-data.txt.
--
-- Each flaw goes through the hole its schema flaw leaves open: rows written
-- before a NOT VALID constraint, rows written while triggers were off, rows
-- with no foreign key at all.  Loaded as the superuser, like schema.sql.

-- D001 through S003: payments.order_id has no foreign key.  Two payments
-- name orders that were deleted by a cleanup job.
INSERT INTO payments (tenant_id, order_id, user_id, amount_cents, currency, status, provider,
                      provider_payment_id, idempotency_key, created_at, captured_at)
SELECT p.tenant_id, gen_random_uuid(), p.user_id, p.amount_cents, p.currency, 'captured', p.provider,
       'pi_orphan_' || n, 'idem-orphan-' || n, now() - interval '40 days', now() - interval '40 days'
FROM (SELECT * FROM payments ORDER BY created_at LIMIT 1) p, generate_series(1, 2) n;

-- D001 through S007: resale_listings.seller_id was added NOT VALID.  Three
-- listings written before it name sellers whose accounts were purged.
ALTER TABLE resale_listings DROP CONSTRAINT resale_listings_seller_id_foreign;
INSERT INTO resale_listings (tenant_id, ticket_id, seller_id, asking_price_cents, currency, status, listed_at)
SELECT t.tenant_id, t.id, gen_random_uuid(), 5000, 'USD', 'expired', now() - interval '90 days'
FROM (SELECT * FROM tickets ORDER BY serial_number LIMIT 3) t;
ALTER TABLE resale_listings
    ADD CONSTRAINT resale_listings_seller_id_foreign FOREIGN KEY (seller_id)
        REFERENCES users (id) ON DELETE RESTRICT NOT VALID;

-- D001 through S008: ticket_scans has its triggers disabled.  Four scans of
-- tickets that do not exist (a gate device replayed a stale queue).
INSERT INTO ticket_scans (tenant_id, ticket_id, gate, device_id, result, scanned_at)
SELECT (SELECT id FROM tenants ORDER BY created_at LIMIT 1), gen_random_uuid(), 'North', 'gate-7', 'rejected',
       now() - interval '1 day'
FROM generate_series(1, 4);

-- D002 through S007: royalty_splits.percentage was checked NOT VALID.  One
-- split written before it pays 250 %.
ALTER TABLE royalty_splits DROP CONSTRAINT royalty_splits_percentage_check;
UPDATE royalty_splits SET percentage = 250
WHERE id = (SELECT id FROM royalty_splits ORDER BY created_at, id LIMIT 1);
ALTER TABLE royalty_splits
    ADD CONSTRAINT royalty_splits_percentage_check CHECK (percentage BETWEEN 0 AND 100) NOT VALID;

-- D003: a support script moved two listings to another tenant and left
-- their tickets behind: each listing now points at another tenant's ticket.
UPDATE resale_listings SET tenant_id = (SELECT id FROM tenants ORDER BY created_at DESC, id LIMIT 1)
WHERE id IN (SELECT l.id FROM resale_listings l JOIN tickets t ON t.id = l.ticket_id
             WHERE t.tenant_id <> (SELECT id FROM tenants ORDER BY created_at DESC, id LIMIT 1)
             ORDER BY t.serial_number LIMIT 2);

-- D004: the venue that was soft-deleted still hosts one live event.
UPDATE events SET venue_id = (SELECT id FROM venues WHERE deleted_at IS NOT NULL ORDER BY id LIMIT 1)
WHERE id = (SELECT e.id FROM events e
            WHERE e.deleted_at IS NULL
              AND e.tenant_id = (SELECT tenant_id FROM venues WHERE deleted_at IS NOT NULL ORDER BY id LIMIT 1)
            ORDER BY e.starts_at, e.id LIMIT 1);

-- D005 through S010: serial numbers are not unique.  A reprint gave a second
-- ticket the serial of the first one of the same event.
UPDATE tickets SET serial_number = (SELECT serial_number FROM tickets ORDER BY serial_number LIMIT 1)
WHERE id = (SELECT id FROM tickets ORDER BY serial_number LIMIT 1 OFFSET 1);
