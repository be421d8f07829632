exports.up = async function (knex) {
  await knex.schema.createTable('events', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('venue_id').notNullable().references('id').inTable('venues').onDelete('RESTRICT');
    t.text('title').notNullable();
    t.index(['venue_id']);
  });
  // venue pages list events by city
  await knex.schema.alterTable('venues', (t) => {
    t.index(['city']);
  });
};

// newest first
exports.down = async function (knex) {
  await knex.schema.alterTable('venues', (t) => {
    t.dropIndex(['city']);
  });
  await knex.schema.dropTable('events');
};
