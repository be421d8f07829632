-- D005: duplicates nothing refuses: emails per tenant on an account table
-- (3 rows share one: 2 extra; soft-deleted and NULL emails do not count),
-- and whole rows repeating in a table without any key.
create table tenants(id int primary key);
create table users(id int primary key, tenant_id int not null references tenants, email text, deleted_at timestamptz);
create index on users(tenant_id);
insert into tenants values (1),(2);
insert into users values (1,1,'a@x',null),(2,1,'a@x',null),(3,1,'a@x',null),(4,2,'a@x',null),(5,1,'b@x',null),(6,1,'b@x',now()),(7,1,null,null),(8,1,null,null);
create table log(msg text, at int);
insert into log values ('x',1),('x',1),('y',2);
-- a reserved seat sold twice, on a table with a quoted name
CREATE TABLE "Seat Sales" (id int PRIMARY KEY, event_id int, section text, "row" text, seat_number int);
INSERT INTO "Seat Sales" VALUES (1, 1, 'A', '1', 1), (2, 1, 'A', '1', 1), (3, 1, 'A', '1', 2), (4, 1, 'A', NULL, 1),
                                (5, 1, 'A', NULL, 1);
