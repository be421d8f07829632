import { Knex } from 'knex';

// Row level security on the platform's tenant tables.
//
// OK (every table below unless marked): enabled, forced (the services
// connect as the role that owns the tables), and one policy that binds reads
// and writes to the tenant of the request, set per transaction with
// set_config('app.current_tenant_id', ..., true).  missing_ok (the second
// argument of current_setting, true) makes a connection without the setting
// see no rows instead of failing.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE users ENABLE ROW LEVEL SECURITY;
    ALTER TABLE users FORCE ROW LEVEL SECURITY;
    CREATE POLICY tenant_isolation ON users
      USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid)
      WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true)::uuid);
  `);
  await knex.raw(`
    ALTER TABLE venues ENABLE ROW LEVEL SECURITY;
    ALTER TABLE venues FORCE ROW LEVEL SECURITY;
    CREATE POLICY tenant_isolation ON venues
      USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid)
      WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true)::uuid);
  `);
  await knex.raw(`
    ALTER TABLE events ENABLE ROW LEVEL SECURITY;
    ALTER TABLE events FORCE ROW LEVEL SECURITY;
    CREATE POLICY tenant_isolation ON events
      USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid)
      WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true)::uuid);
  `);
  await knex.raw(`
    ALTER TABLE ticket_types ENABLE ROW LEVEL SECURITY;
    ALTER TABLE ticket_types FORCE ROW LEVEL SECURITY;
    CREATE POLICY tenant_isolation ON ticket_types
      USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid)
      WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true)::uuid);
  `);
  // Schema flaw S019 (see schema.sql): copied from the guide (1.7),
  // current_setting() without missing_ok.
  await knex.raw(`
    ALTER TABLE tickets ENABLE ROW LEVEL SECURITY;
    ALTER TABLE tickets FORCE ROW LEVEL SECURITY;
    CREATE POLICY tenant_isolation ON tickets
      USING (tenant_id = current_setting('app.current_tenant_id')::uuid);
  `);
  await knex.raw(`
    ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY;
    ALTER TABLE idempotency_keys FORCE ROW LEVEL SECURITY;
    CREATE POLICY tenant_isolation ON idempotency_keys
      USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid)
      WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true)::uuid);
  `);
  // Schema flaw S015 (see schema.sql): no RLS on outbox, because the relay
  // reads every tenant's rows.
  await knex.raw(`
    ALTER TABLE audit.audit_log ENABLE ROW LEVEL SECURITY;
    ALTER TABLE audit.audit_log FORCE ROW LEVEL SECURITY;
    CREATE POLICY tenant_isolation ON audit.audit_log
      USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid)
      WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true)::uuid);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP POLICY tenant_isolation ON audit.audit_log;
    ALTER TABLE audit.audit_log NO FORCE ROW LEVEL SECURITY;
    ALTER TABLE audit.audit_log DISABLE ROW LEVEL SECURITY;
    DROP POLICY tenant_isolation ON idempotency_keys;
    ALTER TABLE idempotency_keys NO FORCE ROW LEVEL SECURITY;
    ALTER TABLE idempotency_keys DISABLE ROW LEVEL SECURITY;
    DROP POLICY tenant_isolation ON tickets;
    ALTER TABLE tickets NO FORCE ROW LEVEL SECURITY;
    ALTER TABLE tickets DISABLE ROW LEVEL SECURITY;
    DROP POLICY tenant_isolation ON ticket_types;
    ALTER TABLE ticket_types NO FORCE ROW LEVEL SECURITY;
    ALTER TABLE ticket_types DISABLE ROW LEVEL SECURITY;
    DROP POLICY tenant_isolation ON events;
    ALTER TABLE events NO FORCE ROW LEVEL SECURITY;
    ALTER TABLE events DISABLE ROW LEVEL SECURITY;
    DROP POLICY tenant_isolation ON venues;
    ALTER TABLE venues NO FORCE ROW LEVEL SECURITY;
    ALTER TABLE venues DISABLE ROW LEVEL SECURITY;
    DROP POLICY tenant_isolation ON users;
    ALTER TABLE users NO FORCE ROW LEVEL SECURITY;
    ALTER TABLE users DISABLE ROW LEVEL SECURITY;
  `);
}
