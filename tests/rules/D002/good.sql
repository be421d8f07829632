-- D002 stays silent: a NOT VALID check no row breaks, and a validated one
-- (PostgreSQL guarantees it; dbaudit does not count it).
CREATE TABLE listings (id bigint PRIMARY KEY, price numeric, status text CHECK (status IN ('open', 'sold')));
INSERT INTO listings VALUES (1, 10, 'open'), (2, NULL, 'sold');
ALTER TABLE listings ADD CONSTRAINT listings_price_check CHECK (price >= 0) NOT VALID;
