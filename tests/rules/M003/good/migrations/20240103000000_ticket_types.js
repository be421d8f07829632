// Rows of a table this migration creates, and one row by its key.
exports.up = async function (knex) {
  await knex.schema.createTable('ticket_types', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('name').notNullable().unique();
    t.boolean('resellable').notNullable().defaultTo(false);
  });
  await knex('ticket_types').insert([{ name: 'general' }, { name: 'vip' }]);
  await knex('ticket_types').update({ resellable: true });
  await knex('tickets').where({ id: '00000000-0000-0000-0000-000000000001' }).update({ status: 'void' });
};

exports.down = async function (knex) {
  await knex.schema.dropTable('ticket_types');
};
