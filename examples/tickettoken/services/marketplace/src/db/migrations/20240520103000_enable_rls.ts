import { Knex } from 'knex';

// OK: row level security enabled, forced and bound to
// current_setting('app.current_tenant_id', true) on every marketplace table.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE resale_listings ENABLE ROW LEVEL SECURITY;
    ALTER TABLE resale_listings FORCE ROW LEVEL SECURITY;
    CREATE POLICY tenant_isolation ON resale_listings
      USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid)
      WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true)::uuid);
  `);
  await knex.raw(`
    ALTER TABLE royalty_splits ENABLE ROW LEVEL SECURITY;
    ALTER TABLE royalty_splits FORCE ROW LEVEL SECURITY;
    CREATE POLICY tenant_isolation ON royalty_splits
      USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid)
      WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true)::uuid);
  `);
  await knex.raw(`
    ALTER TABLE royalty_payouts ENABLE ROW LEVEL SECURITY;
    ALTER TABLE royalty_payouts FORCE ROW LEVEL SECURITY;
    CREATE POLICY tenant_isolation ON royalty_payouts
      USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid)
      WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true)::uuid);
  `);
  await knex.raw(`
    ALTER TABLE ticket_transfers ENABLE ROW LEVEL SECURITY;
    ALTER TABLE ticket_transfers FORCE ROW LEVEL SECURITY;
    CREATE POLICY tenant_isolation ON ticket_transfers
      USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid)
      WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true)::uuid);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP POLICY tenant_isolation ON ticket_transfers;
    ALTER TABLE ticket_transfers NO FORCE ROW LEVEL SECURITY;
    ALTER TABLE ticket_transfers DISABLE ROW LEVEL SECURITY;
    DROP POLICY tenant_isolation ON royalty_payouts;
    ALTER TABLE royalty_payouts NO FORCE ROW LEVEL SECURITY;
    ALTER TABLE royalty_payouts DISABLE ROW LEVEL SECURITY;
    DROP POLICY tenant_isolation ON royalty_splits;
    ALTER TABLE royalty_splits NO FORCE ROW LEVEL SECURITY;
    ALTER TABLE royalty_splits DISABLE ROW LEVEL SECURITY;
    DROP POLICY tenant_isolation ON resale_listings;
    ALTER TABLE resale_listings NO FORCE ROW LEVEL SECURITY;
    ALTER TABLE resale_listings DISABLE ROW LEVEL SECURITY;
  `);
}
