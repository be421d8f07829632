// The ledger gets its own tenant_id, so that it can have row level security
// without a join through user_balances.
exports.up = async function (knex) {
  // Schema flaw S005 (see schema.sql): added nullable for the backfill, and
  // never set NOT NULL afterwards.
  await knex.schema.alterTable('ledger_entries', (t) => {
    t.uuid('tenant_id').references('id').inTable('tenants').onDelete('RESTRICT');
    t.index(['tenant_id', 'created_at']);
  });

  // FLAW M003: one UPDATE over the whole ledger (every row still has a NULL
  // tenant_id): every row stays locked until the migration commits.
  await knex.raw(`UPDATE ledger_entries SET tenant_id = ub.tenant_id
    FROM user_balances ub
    WHERE ub.id = ledger_entries.user_balance_id AND ledger_entries.tenant_id IS NULL`);

  await knex.raw(`
    ALTER TABLE ledger_entries ENABLE ROW LEVEL SECURITY;
    ALTER TABLE ledger_entries FORCE ROW LEVEL SECURITY;
    CREATE POLICY tenant_isolation ON ledger_entries
      USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid)
      WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true)::uuid);
  `);
};

// OK: down undoes all that up did: policy, RLS, index, foreign key, column.
exports.down = async function (knex) {
  await knex.raw(`
    DROP POLICY tenant_isolation ON ledger_entries;
    ALTER TABLE ledger_entries NO FORCE ROW LEVEL SECURITY;
    ALTER TABLE ledger_entries DISABLE ROW LEVEL SECURITY;
  `);
  await knex.schema.alterTable('ledger_entries', (t) => {
    t.dropIndex(['tenant_id', 'created_at']);
    t.dropForeign(['tenant_id']);
    t.dropColumn('tenant_id');
  });
};
