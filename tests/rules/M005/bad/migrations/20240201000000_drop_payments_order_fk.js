// Old orders move to the archive database; their payments stay here.
exports.up = async function (knex) {
  await knex.schema.alterTable('payments', (t) => t.dropForeign(['order_id']));
};

exports.down = async function (knex) {
  await knex.schema.alterTable('payments', (t) => {
    t.foreign('order_id').references('id').inTable('orders').onDelete('RESTRICT');
  });
};
