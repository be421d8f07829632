-- D005 stays silent: no duplicates where uniqueness is expected but not
-- enforced, and no check at all where a unique key enforces it.
CREATE TABLE tenants (id int PRIMARY KEY);
INSERT INTO tenants VALUES (1), (2);
CREATE TABLE users (id int PRIMARY KEY, tenant_id int NOT NULL REFERENCES tenants, email text,
                    deleted_at timestamptz);
CREATE INDEX ON users (tenant_id);
-- the same email in two tenants, a deleted copy, NULLs: none is a duplicate
INSERT INTO users VALUES (1, 1, 'a@x', NULL), (2, 2, 'a@x', NULL), (3, 1, 'a@x', now()), (4, 1, NULL, NULL),
                         (5, 1, NULL, NULL);
CREATE TABLE log (msg text, at int);
INSERT INTO log VALUES ('x', 1), ('x', 2);
CREATE TABLE members (id int PRIMARY KEY, email text UNIQUE);
INSERT INTO members VALUES (1, 'm@x');
