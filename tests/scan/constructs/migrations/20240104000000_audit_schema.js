module.exports = {
  async up(knex) {
    await knex.schema.createSchemaIfNotExists('audit');
    await knex.schema.withSchema('audit').createTable('entries', (table) => {
      table.bigIncrements('id');
      table.uuid('tenant_id').notNullable();
      table.string('action', 40).notNullable();
      table.jsonb('payload');
      table.timestamp('at').notNullable().defaultTo(knex.fn.now());
      table.index(['tenant_id', 'at'], 'entries_tenant_at_idx');
    });
    await knex.raw(`
      ALTER TABLE audit.entries ENABLE ROW LEVEL SECURITY;
      ALTER TABLE audit.entries FORCE ROW LEVEL SECURITY;
      CREATE POLICY entries_tenant ON audit.entries
        USING (tenant_id = nullif(current_setting('app.current_tenant_id', true), '')::uuid);
    `);
  },
  async down(knex) {
    await knex.schema.withSchema('audit').dropTable('entries');
    await knex.schema.dropSchemaIfExists('audit');
  },
};
