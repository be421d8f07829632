exports.up = async function (knex) {
  await knex.schema.createTable('payments', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.bigInteger('amount_cents').notNullable().checkPositive();
  });
  await knex.schema.createTable('refunds', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('payment_id').notNullable().references('id').inTable('payments').onDelete('RESTRICT');
    t.index(['payment_id']);
  });
};

exports.down = async function (knex) {
  await knex.schema.dropTable('refunds');
  await knex.schema.dropTable('payments');
};
