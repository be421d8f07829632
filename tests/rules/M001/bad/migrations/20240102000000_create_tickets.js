exports.up = async function (knex) {
  await knex.schema.createTable('tickets', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('tenant_id').notNullable();
    t.uuid('event_id').notNullable();
    t.text('seat').notNullable();
    t.foreign('tenant_id').references('id').inTable('tenants').onDelete('RESTRICT');
    t.foreign('event_id').references('id').inTable('events');
    t.index(['tenant_id']);
    t.index(['event_id']);
  });
};

exports.down = async function (knex) {
  await knex.schema.dropTable('tickets');
};
