exports.up = async (knex) => {
  await knex.schema.createTable('tickets', (t) => { t.uuid('id').primary(); t.uuid('tenant_id').notNullable(); t.integer('available'); t.timestamp('deleted_at'); });
};
exports.down = async (knex) => knex.schema.dropTable('tickets');
