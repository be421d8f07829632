exports.up = async (knex) => {
  await knex.schema.createTable('orders', (t) => {
	t.uuid('user_id').comment('café → users').references('users.id');
    t.uuid('tenant_id').notNullable();
  });
};
