// Orders older than 18 months move to the archive database; their payments
// stay here for the accountants, so the key to orders had to go.
async function up(knex) {
  // FLAW M005: drops the foreign key payments.order_id -> orders: nothing
  // stops a payment from naming an order that does not exist (schema flaw
  // S003 in schema.sql).
  await knex.schema.alterTable('payments', (t) => t.dropForeign(['order_id']));
}

async function down(knex) {
  await knex.schema.alterTable('payments', (t) => {
    t.foreign('order_id').references('id').inTable('orders').onDelete('RESTRICT');
  });
}

module.exports = { up, down };
