-- TicketToken example database: seed data (load after schema.sql).
--
--   psql -X -v ON_ERROR_STOP=1 -d tickettoken -f seed.sql
--
-- Three tenants with 12 users, 2 venues and 3 events each; 12 tickets per
-- event (8 reserved seats, 4 general admission), 4 orders of 2 tickets per
-- event with their items, payments (and the audit rows their trigger
-- writes), idempotency keys, outbox messages and provider webhooks; a few
-- refunds, resale listings with royalty payouts and transfers, balances
-- with their ledger, and gate scans of the events that took place.  About
-- 700 rows.
--
-- The data is clean: every reference resolves, every value passes the
-- checks, serial numbers and seats are unique.  (Loaded as a superuser, so
-- row level security does not filter the inserts.)  Dates are relative to
-- the time of loading; random UUIDs and hashes differ from load to load.

\set ON_ERROR_STOP on
SET client_min_messages = warning;

BEGIN;

-- Seed bookkeeping: temporary tables that number the rows, dropped at commit.
CREATE TEMP TABLE s_tenant (k int PRIMARY KEY, id uuid, slug text, name text) ON COMMIT DROP;
INSERT INTO s_tenant VALUES
    (1, '00000000-0000-4000-8000-000000000001', 'harbor-live', 'Harbor Live'),
    (2, '00000000-0000-4000-8000-000000000002', 'summit-arena', 'Summit Arena Group'),
    (3, '00000000-0000-4000-8000-000000000003', 'basement-shows', 'Basement Shows');

-- ---------------------------------------------------------------------------
-- Knex bookkeeping: the platform service's migrations (services/platform)
-- ---------------------------------------------------------------------------

INSERT INTO knex_migrations (name, batch, migration_time)
SELECT m.name, m.batch, now() - interval '400 days' + m.ord * interval '9 days'
FROM unnest(ARRAY[
        '20240105093000_create_roles.ts',
        '20240105093500_create_tenants_and_users.ts',
        '20240112101500_create_venues_and_events.ts',
        '20240112102000_create_ticket_types_and_tickets.ts',
        '20240301113000_create_idempotency_keys.ts',
        '20240318090000_create_outbox.ts',
        '20240402143000_create_webhook_events.ts',
        '20240502100000_create_audit_log.ts',
        '20240520101500_enable_rls.ts',
        '20240603110000_drop_users_password_hash.ts',
        '20240610090000_add_venues_deleted_at.ts',
        '20240612140000_rename_tickets_mint_address.ts',
        '20240620100000_normalise_ticket_serials.ts',
        '20240701120000_add_outbox_published_at.ts',
        '20240705090000_add_outbox_pending_index.ts',
        '20240709150000_add_tickets_owner_index.ts',
        '20240801100000_support_read_events.ts'],
     ARRAY[1, 1, 1, 1, 2, 3, 4, 5, 6, 7, 7, 8, 9, 10, 11, 12, 13])
     WITH ORDINALITY AS m(name, batch, ord);
INSERT INTO knex_migrations_lock (is_locked) VALUES (0);

-- ---------------------------------------------------------------------------
-- Tenants and users: per tenant 1 admin, 1 organizer, 10 customers
-- ---------------------------------------------------------------------------

INSERT INTO tenants (id, name, slug, status, plan, created_at)
SELECT id, name, slug, 'active', (ARRAY['enterprise', 'standard', 'starter'])[k],
       now() - interval '420 days' + k * interval '20 days'
FROM s_tenant;

CREATE TEMP TABLE s_user ON COMMIT DROP AS
SELECT gen_random_uuid() AS id, t.k AS tk, t.id AS tenant_id, t.slug, n,
       CASE n WHEN 1 THEN 'admin' WHEN 2 THEN 'organizer' ELSE 'customer' END AS role
FROM s_tenant t CROSS JOIN generate_series(1, 12) AS n;

INSERT INTO users (id, tenant_id, email, display_name, role, wallet_address, created_at, updated_at)
SELECT id, tenant_id,
       format('%s%s@%s.example', CASE role WHEN 'customer' THEN 'fan' ELSE role END, n, slug),
       initcap(CASE role WHEN 'customer' THEN 'fan' ELSE role END) || ' ' || n || ' (' || slug || ')',
       role::user_role,
       CASE WHEN n % 3 <> 0 THEN '0x' || substr(md5(slug || ':' || n), 1, 40) END,
       now() - interval '300 days' + n * interval '3 days',
       now() - interval '300 days' + n * interval '3 days'
FROM s_user;

-- ---------------------------------------------------------------------------
-- Venues (plus one soft-deleted venue) and events (plus one soft-deleted
-- draft whose slug an active event reuses: the partial unique index allows it)
-- ---------------------------------------------------------------------------

CREATE TEMP TABLE s_venue ON COMMIT DROP AS
SELECT gen_random_uuid() AS id, t.k AS tk, t.id AS tenant_id, v AS n,
       (ARRAY[ARRAY['Pier 9 Hall', 'Lighthouse Theater'],
              ARRAY['Summit Arena', 'Summit Club Stage'],
              ARRAY['The Basement', 'Back Room at Rosie''s']])[t.k][v] AS name,
       (ARRAY['Portland', 'Denver', 'Austin'])[t.k] AS city,
       (ARRAY[ARRAY[2500, 800], ARRAY[18000, 1200], ARRAY[350, 120]])[t.k][v] AS capacity
FROM s_tenant t CROSS JOIN generate_series(1, 2) AS v;

INSERT INTO venues (id, tenant_id, name, slug, address, city, country, timezone, capacity, created_at)
SELECT id, tenant_id, name,
       trim(both '-' from regexp_replace(lower(name), '[^a-z0-9]+', '-', 'g')),
       (100 + 17 * n * tk) || ' Main Street', city, 'US',
       (ARRAY['America/Los_Angeles', 'America/Denver', 'America/Chicago'])[tk],
       capacity, now() - interval '290 days'
FROM s_venue;
INSERT INTO venues (tenant_id, name, slug, city, country, timezone, capacity, created_at, deleted_at)
VALUES ('00000000-0000-4000-8000-000000000001', 'Old Cannery', 'old-cannery', 'Portland', 'US',
        'America/Los_Angeles', 400, now() - interval '380 days', now() - interval '200 days');

-- e = 1 took place 30 days ago; e = 2 and 3 are on sale.
CREATE TEMP TABLE s_event ON COMMIT DROP AS
SELECT gen_random_uuid() AS id, t.k AS tk, t.id AS tenant_id, e AS n,
       (SELECT v.id FROM s_venue v WHERE v.tk = t.k AND v.n = CASE e WHEN 2 THEN 2 ELSE 1 END) AS venue_id,
       (SELECT u.id FROM s_user u WHERE u.tk = t.k AND u.n = 2) AS organizer_id,
       (ARRAY[ARRAY['Spring Tide Festival', 'Summer Kickoff', 'Autumn Lanterns'],
              ARRAY['Championship Night', 'Comedy Gala', 'Winter Classic'],
              ARRAY['Noise Pop Thursday', 'Late Jazz Sessions', 'Punk Matinee']])[t.k][e] AS name,
       date_trunc('day', now()) + CASE e WHEN 1 THEN interval '-30 days'
                                         ELSE (e * 25 + t.k) * interval '1 day' END
           + interval '19 hours' AS starts_at
FROM s_tenant t CROSS JOIN generate_series(1, 3) AS e;

INSERT INTO events (id, tenant_id, venue_id, organizer_id, name, slug, description, starts_at, ends_at,
                    status, created_at)
SELECT id, tenant_id, venue_id, organizer_id, name,
       trim(both '-' from regexp_replace(lower(name), '[^a-z0-9]+', '-', 'g')),
       'Doors open one hour before the show.', starts_at, starts_at + interval '4 hours',
       CASE n WHEN 1 THEN 'completed' ELSE 'on_sale' END::event_status,
       now() - interval '120 days'
FROM s_event;
INSERT INTO events (tenant_id, venue_id, organizer_id, name, slug, starts_at, ends_at, status, created_at,
                    deleted_at)
SELECT tenant_id, venue_id, organizer_id, 'Summer Kickoff (first draft)', 'summer-kickoff',
       starts_at, starts_at + interval '3 hours', 'draft', now() - interval '150 days', now() - interval '130 days'
FROM s_event WHERE tk = 1 AND n = 2;

-- ---------------------------------------------------------------------------
-- Ticket types and tickets: per event 8 reserved seats (section A, rows 1-2,
-- seats 1-4) and 4 general admission tickets
-- ---------------------------------------------------------------------------

CREATE TEMP TABLE s_type ON COMMIT DROP AS
SELECT gen_random_uuid() AS id, e.id AS event_id, e.tenant_id, e.tk, e.n AS en, ty,
       CASE ty WHEN 1 THEN 'Reserved' ELSE 'General Admission' END AS name,
       CASE ty WHEN 1 THEN 8500 + 1000 * e.tk ELSE 4500 + 500 * e.tk END AS price_cents,
       CASE ty WHEN 1 THEN 8 ELSE 4 END AS quantity
FROM s_event e CROSS JOIN generate_series(1, 2) AS ty;

INSERT INTO ticket_types (id, tenant_id, event_id, name, price_cents, currency, quantity, quantity_sold,
                          max_per_order, sale_starts_at, sale_ends_at, created_at)
SELECT id, tenant_id, event_id, name, price_cents, 'USD', quantity, 0, CASE ty WHEN 1 THEN 4 ELSE 8 END,
       now() - interval '100 days', NULL, now() - interval '110 days'
FROM s_type;

-- k = 1..8 reserved seats, k = 9..12 general admission.
CREATE TEMP TABLE s_ticket ON COMMIT DROP AS
SELECT gen_random_uuid() AS id, e.id AS event_id, e.tenant_id, e.tk, e.n AS en, g.k,
       (SELECT ty.id FROM s_type ty WHERE ty.event_id = e.id AND ty.ty = CASE WHEN g.k <= 8 THEN 1 ELSE 2 END)
           AS ticket_type_id,
       (SELECT ty.price_cents FROM s_type ty WHERE ty.event_id = e.id AND ty.ty = CASE WHEN g.k <= 8 THEN 1 ELSE 2 END)
           AS price_cents,
       upper(left(t.slug, 3)) || '-' || to_char(now() - interval '120 days', 'YYYY') || '-'
           || lpad((e.n * 100 + g.k)::text, 5, '0') AS serial_number
FROM s_event e JOIN s_tenant t ON t.k = e.tk CROSS JOIN generate_series(1, 12) AS g(k);

INSERT INTO tickets (id, tenant_id, event_id, ticket_type_id, owner_id, serial_number, section, "row",
                     seat_number, status, face_value_cents, nft_mint_address, issued_at, created_at)
SELECT id, tenant_id, event_id, ticket_type_id, NULL, serial_number,
       CASE WHEN k <= 8 THEN 'A' END,
       CASE WHEN k <= 8 THEN ((k - 1) / 4 + 1)::text END,
       CASE WHEN k <= 8 THEN ((k - 1) % 4 + 1)::text END,
       'available', price_cents, NULL, now() - interval '100 days', now() - interval '100 days'
FROM s_ticket;

-- ---------------------------------------------------------------------------
-- Orders: per event 4 orders of 2 tickets (j = 1..3 reserved seats, j = 4
-- general admission), bought by customers of the tenant
-- ---------------------------------------------------------------------------

CREATE TEMP TABLE s_order ON COMMIT DROP AS
SELECT gen_random_uuid() AS id, gen_random_uuid() AS payment_id, e.id AS event_id, e.tenant_id, e.tk,
       e.n AS en, j,
       (SELECT u.id FROM s_user u WHERE u.tk = e.tk AND u.n = 3 + ((e.n - 1) * 4 + j - 1) % 10) AS user_id,
       now() - interval '90 days' + ((e.n - 1) * 4 + j) * interval '2 days' AS created_at,
       md5(e.id::text || ':' || j) AS idem
FROM s_event e CROSS JOIN generate_series(1, 4) AS j;

CREATE TEMP TABLE s_item ON COMMIT DROP AS
SELECT o.id AS order_id, tk.id AS ticket_id, tk.price_cents, o.user_id, o.tk, o.en, o.j, tk.k
FROM s_order o
JOIN s_ticket tk ON tk.event_id = o.event_id
                AND tk.k IN (CASE WHEN o.j <= 3 THEN 2 * o.j - 1 ELSE 9 END,
                             CASE WHEN o.j <= 3 THEN 2 * o.j ELSE 10 END);

INSERT INTO orders (id, tenant_id, user_id, status, total_cents, currency, idempotency_key, created_at,
                    updated_at)
SELECT o.id, o.tenant_id, o.user_id, 'paid',
       (SELECT sum(i.price_cents + 250) FROM s_item i WHERE i.order_id = o.id), 'USD',
       'ord_' || o.idem, o.created_at, o.created_at
FROM s_order o;

INSERT INTO order_items (order_id, ticket_id, unit_price_cents, fee_cents, created_at)
SELECT i.order_id, i.ticket_id, i.price_cents, 250, o.created_at
FROM s_item i JOIN s_order o ON o.id = i.order_id;

UPDATE tickets t
SET owner_id = i.user_id,
    status = CASE WHEN i.en = 1 THEN 'used' ELSE 'sold' END::ticket_status,
    nft_mint_address = substr(md5('mint:' || t.serial_number), 1, 32) || substr(md5(t.serial_number), 1, 12)
FROM s_item i WHERE i.ticket_id = t.id;

-- ---------------------------------------------------------------------------
-- Payments (one per order; the audit trigger logs each), idempotency keys,
-- outbox messages and the provider's webhooks
-- ---------------------------------------------------------------------------

INSERT INTO payments (id, tenant_id, order_id, user_id, amount_cents, currency, status, provider,
                      provider_payment_id, idempotency_key, created_at, captured_at)
SELECT o.payment_id, o.tenant_id, o.id, o.user_id, ord.total_cents, 'USD', 'captured',
       CASE WHEN o.j = 4 AND o.tk = 3 THEN 'crypto' ELSE 'stripe' END,
       CASE WHEN o.j = 4 AND o.tk = 3 THEN '0x' || md5('tx:' || o.idem) ELSE 'pi_' || left(md5('pi:' || o.idem), 24) END,
       'pay_' || o.idem, o.created_at + interval '1 minute', o.created_at + interval '2 minutes'
FROM s_order o JOIN orders ord ON ord.id = o.id;

INSERT INTO idempotency_keys (tenant_id, key, request_method, request_path, request_hash, response_code,
                              response_body, created_at, expires_at)
SELECT o.tenant_id, 'ord_' || o.idem, 'POST', '/v1/orders', md5('body:' || o.idem), 201,
       jsonb_build_object('order_id', o.id, 'status', 'paid'), o.created_at, o.created_at + interval '24 hours'
FROM s_order o
UNION ALL
SELECT o.tenant_id, 'pay_' || o.idem, 'POST', '/v1/payments', md5('pay-body:' || o.idem), 201,
       jsonb_build_object('payment_id', o.payment_id, 'status', 'captured'), o.created_at,
       o.created_at + interval '24 hours'
FROM s_order o WHERE o.en > 1;

INSERT INTO outbox (tenant_id, aggregate_type, aggregate_id, event_type, payload, status, attempts, created_at,
                    published_at)
SELECT p.tenant_id, 'payment', p.id, 'payment.captured',
       jsonb_build_object('payment_id', p.id, 'order_id', p.order_id, 'amount_cents', p.amount_cents),
       'published', 1, p.captured_at, p.captured_at + interval '3 seconds'
FROM payments p;

INSERT INTO webhook_events (provider, provider_event_id, event_type, payload, received_at, processed_at)
SELECT p.provider, 'evt_' || left(md5('evt:' || p.id), 24),
       CASE p.provider WHEN 'stripe' THEN 'payment_intent.succeeded' ELSE 'transaction.confirmed' END,
       jsonb_build_object('id', p.provider_payment_id, 'amount', p.amount_cents, 'currency', lower(p.currency)),
       p.captured_at + interval '5 seconds', p.captured_at + interval '6 seconds'
FROM payments p;

-- ---------------------------------------------------------------------------
-- Refunds: the general admission order of each tenant's first on-sale event
-- ---------------------------------------------------------------------------

INSERT INTO refunds (tenant_id, payment_id, amount_cents, reason, status, requested_by, created_at,
                     processed_at)
SELECT p.tenant_id, p.id, p.amount_cents, 'Customer cannot attend', 'processed', p.user_id,
       p.captured_at + interval '5 days', p.captured_at + interval '6 days'
FROM s_order o JOIN payments p ON p.id = o.payment_id
WHERE o.en = 2 AND o.j = 4;

UPDATE payments SET status = 'refunded'
WHERE id IN (SELECT payment_id FROM refunds);
UPDATE orders SET status = 'refunded', updated_at = now() - interval '20 days'
WHERE id IN (SELECT p.order_id FROM payments p JOIN refunds r ON r.payment_id = p.id);
UPDATE tickets SET status = 'cancelled'
WHERE id IN (SELECT oi.ticket_id FROM order_items oi JOIN payments p ON p.order_id = oi.order_id
             JOIN refunds r ON r.payment_id = p.id);

-- Inventory: tickets sold and not refunded.
UPDATE ticket_types ty
SET quantity_sold = s.sold
FROM (SELECT ticket_type_id, count(*) AS sold FROM tickets
      WHERE owner_id IS NOT NULL AND status <> 'cancelled' GROUP BY 1) s
WHERE s.ticket_type_id = ty.id;

INSERT INTO outbox (tenant_id, aggregate_type, aggregate_id, event_type, payload, status, attempts, created_at)
SELECT r.tenant_id, 'refund', r.id, 'refund.processed',
       jsonb_build_object('refund_id', r.id, 'payment_id', r.payment_id, 'amount_cents', r.amount_cents),
       'pending', 0, r.processed_at
FROM refunds r;

-- ---------------------------------------------------------------------------
-- Royalties, resale listings, payouts, transfers
-- ---------------------------------------------------------------------------

-- Per event: the organizer 10 %, the tenant's admin account (the platform) 2.5 %.
INSERT INTO royalty_splits (tenant_id, event_id, recipient_id, role, percentage, created_at)
SELECT e.tenant_id, e.id, u.id, CASE u.n WHEN 2 THEN 'organizer' ELSE 'platform' END,
       CASE u.n WHEN 2 THEN 10.00 ELSE 2.50 END, now() - interval '110 days'
FROM s_event e JOIN s_user u ON u.tk = e.tk AND u.n IN (1, 2);

-- On each tenant's on-sale events, the owners of seats k = 1 and 3 list
-- them: on event 2 both sell, on event 3 one is active and one cancelled.
CREATE TEMP TABLE s_listing ON COMMIT DROP AS
SELECT gen_random_uuid() AS id, t.id AS ticket_id, t.tenant_id, t.owner_id AS seller_id, st.tk, st.en, st.k,
       CASE WHEN st.en = 2 THEN 'sold' WHEN st.k = 1 THEN 'active' ELSE 'cancelled' END AS status,
       (SELECT u.id FROM s_user u WHERE u.tk = st.tk AND u.n = 12 - st.k) AS buyer_id,
       t.face_value_cents + 1500 AS asking_price_cents
FROM s_ticket st JOIN tickets t ON t.id = st.id
WHERE st.en IN (2, 3) AND st.k IN (1, 3);

INSERT INTO resale_listings (id, tenant_id, ticket_id, seller_id, buyer_id, asking_price_cents, currency, status,
                             listed_at, expires_at, sold_at)
SELECT id, tenant_id, ticket_id, seller_id, CASE status WHEN 'sold' THEN buyer_id END, asking_price_cents, 'USD',
       status, now() - interval '40 days', now() + interval '20 days',
       CASE status WHEN 'sold' THEN now() - interval '35 days' END
FROM s_listing;

INSERT INTO royalty_payouts (tenant_id, royalty_split_id, resale_listing_id, amount_cents, status, created_at,
                             paid_at)
SELECT l.tenant_id, rs.id, l.id, round(l.asking_price_cents * rs.percentage / 100)::bigint, 'paid',
       now() - interval '35 days', now() - interval '34 days'
FROM s_listing l JOIN tickets t ON t.id = l.ticket_id
JOIN royalty_splits rs ON rs.event_id = t.event_id
WHERE l.status = 'sold';

INSERT INTO ticket_transfers (tenant_id, ticket_id, from_user_id, to_user_id, transfer_type, transferred_at)
SELECT tenant_id, ticket_id, seller_id, buyer_id, 'resale', now() - interval '35 days'
FROM s_listing WHERE status = 'sold';
UPDATE tickets t SET owner_id = l.buyer_id
FROM s_listing l WHERE l.ticket_id = t.id AND l.status = 'sold';

-- Gifts: the second seat of each tenant's third event goes to a friend.
INSERT INTO ticket_transfers (tenant_id, ticket_id, from_user_id, to_user_id, transfer_type, transferred_at)
SELECT t.tenant_id, t.id, t.owner_id, (SELECT u.id FROM s_user u WHERE u.tk = st.tk AND u.n = 12),
       'gift', now() - interval '10 days'
FROM s_ticket st JOIN tickets t ON t.id = st.id
WHERE st.en = 3 AND st.k = 2;
UPDATE tickets t SET owner_id = u.id
FROM s_ticket st JOIN s_user u ON u.tk = st.tk AND u.n = 12
WHERE t.id = st.id AND st.en = 3 AND st.k = 2;

-- ---------------------------------------------------------------------------
-- Balances and their ledger: every user has a USD balance; customers got a
-- welcome credit, sellers the price of their resales less royalties, and
-- royalty recipients their payouts
-- ---------------------------------------------------------------------------

INSERT INTO user_balances (tenant_id, user_id, currency, balance_cents, version, updated_at)
SELECT tenant_id, id, 'USD', 0, 0, now() - interval '300 days'
FROM s_user;

CREATE TEMP TABLE s_entry ON COMMIT DROP AS
SELECT u.tenant_id, u.id AS user_id, 500::bigint AS amount_cents, now() - interval '290 days' AS created_at,
       'Welcome credit' AS description
FROM s_user u WHERE u.role = 'customer'
UNION ALL
SELECT l.tenant_id, l.seller_id,
       l.asking_price_cents - (SELECT sum(rp.amount_cents) FROM royalty_payouts rp WHERE rp.resale_listing_id = l.id),
       now() - interval '35 days', 'Resale of ticket ' || t.serial_number
FROM s_listing l JOIN tickets t ON t.id = l.ticket_id WHERE l.status = 'sold'
UNION ALL
SELECT rp.tenant_id, rs.recipient_id, rp.amount_cents, rp.paid_at, 'Royalty payout'
FROM royalty_payouts rp JOIN royalty_splits rs ON rs.id = rp.royalty_split_id;

INSERT INTO ledger_entries (tenant_id, user_balance_id, payment_id, entry_type, amount_cents, balance_after_cents,
                            description, created_at)
SELECT e.tenant_id, b.id, NULL, 'credit', e.amount_cents,
       sum(e.amount_cents) OVER (PARTITION BY b.id ORDER BY e.created_at, e.description
                                 ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW),
       e.description, e.created_at
FROM s_entry e JOIN user_balances b ON b.user_id = e.user_id AND b.currency = 'USD';

-- One customer per tenant spent part of the welcome credit on an order.
INSERT INTO ledger_entries (tenant_id, user_balance_id, payment_id, entry_type, amount_cents, balance_after_cents,
                            description, created_at)
SELECT p.tenant_id, b.id, p.id, 'debit', 300,
       (SELECT le.balance_after_cents FROM ledger_entries le WHERE le.user_balance_id = b.id
        ORDER BY le.created_at DESC, le.id DESC LIMIT 1) - 300,
       'Credit applied to order', p.captured_at
FROM s_order o JOIN payments p ON p.id = o.payment_id
JOIN user_balances b ON b.user_id = o.user_id
WHERE o.en = 3 AND o.j = 1;

UPDATE user_balances b
SET balance_cents = s.balance, version = s.n, updated_at = s.last_at
FROM (SELECT user_balance_id,
             sum(CASE entry_type WHEN 'credit' THEN amount_cents ELSE -amount_cents END) AS balance,
             count(*) AS n, max(created_at) AS last_at
      FROM ledger_entries GROUP BY 1) s
WHERE s.user_balance_id = b.id;

-- ---------------------------------------------------------------------------
-- Gate scans of the events that took place (e = 1): every sold ticket was
-- admitted once, and two were scanned again
-- ---------------------------------------------------------------------------

INSERT INTO ticket_scans (tenant_id, ticket_id, gate, device_id, result, scanned_at)
SELECT t.tenant_id, t.id, 'Gate ' || (1 + st.k % 2), 'scanner-' || st.tk || '-' || (1 + st.k % 2), 'admitted',
       e.starts_at - interval '50 minutes' + st.k * interval '2 minutes'
FROM s_ticket st JOIN tickets t ON t.id = st.id JOIN s_event e ON e.id = st.event_id
WHERE st.en = 1 AND t.status = 'used';
INSERT INTO ticket_scans (tenant_id, ticket_id, gate, device_id, result, scanned_at)
SELECT t.tenant_id, t.id, 'Gate 1', 'scanner-' || st.tk || '-1', 'duplicate',
       e.starts_at - interval '10 minutes'
FROM s_ticket st JOIN tickets t ON t.id = st.id JOIN s_event e ON e.id = st.event_id
WHERE st.en = 1 AND st.k = 3 AND st.tk IN (1, 2);

-- ---------------------------------------------------------------------------
-- Audit log: the trigger logged payments and refunds; add the back-office
-- actions of each tenant's admin
-- ---------------------------------------------------------------------------

INSERT INTO audit.audit_log (tenant_id, actor_id, entity_type, entity_id, action, old_data, new_data, created_at)
SELECT e.tenant_id, (SELECT u.id FROM s_user u WHERE u.tk = e.tk AND u.n = 1), 'events', e.id, 'update',
       jsonb_build_object('status', 'draft'), jsonb_build_object('status', ev.status), now() - interval '100 days'
FROM s_event e JOIN events ev ON ev.id = e.id;

COMMIT;

ANALYZE;
