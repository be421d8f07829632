ALTER TABLE tenants ADD COLUMN slug text;
CREATE UNIQUE INDEX tenants_slug_key ON tenants (slug);
