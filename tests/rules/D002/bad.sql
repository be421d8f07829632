-- D002: rows breaking CHECK constraints added NOT VALID.
CREATE TABLE listings (id bigint PRIMARY KEY, price numeric, status text, "Max Per Order" int);
INSERT INTO listings VALUES
    (1, 10, 'open', 4), (2, -5, 'open', 2), (3, 0, 'sold', 1), (4, -1, 'lost', 8), (5, NULL, NULL, 0);
-- two negative prices; the NULL price passes (CHECK treats NULL as true)
ALTER TABLE listings ADD CONSTRAINT listings_price_check CHECK (price >= 0) NOT VALID;
-- one unknown status
ALTER TABLE listings ADD CONSTRAINT listings_status_check CHECK (status IN ('open', 'sold')) NOT VALID;
-- a constraint over two columns and a quoted name: 8 > 4 and 0 < 1
ALTER TABLE listings ADD CONSTRAINT "max per order" CHECK ("Max Per Order" BETWEEN 1 AND 4) NOT VALID;
