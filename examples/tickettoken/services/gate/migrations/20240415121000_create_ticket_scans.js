exports.up = async function (knex) {
  await knex.schema.createTable('ticket_scans', (t) => {
    t.specificType('id', 'bigint GENERATED ALWAYS AS IDENTITY').primary();
    t.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('RESTRICT');
    t.uuid('ticket_id').notNullable().references('id').inTable('tickets').onDelete('CASCADE');
    t.text('gate').notNullable();
    t.text('device_id');
    t.text('result').notNullable()
      .checkIn(['admitted', 'rejected', 'duplicate'], 'ticket_scans_result_check');
    t.timestamp('scanned_at').notNullable().defaultTo(knex.fn.now());
    t.index(['tenant_id', 'scanned_at']);
    t.index(['ticket_id']);
  });

  // OK: enabled, forced, and bound to the tenant of the transaction.
  await knex.raw(`
    ALTER TABLE ticket_scans ENABLE ROW LEVEL SECURITY;
    ALTER TABLE ticket_scans FORCE ROW LEVEL SECURITY;
    CREATE POLICY tenant_isolation ON ticket_scans
      USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid)
      WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true)::uuid);
  `);
};

exports.down = async function (knex) {
  await knex.schema.dropTable('ticket_scans');
};
