// The key changes its action: dropped and created again in one migration.
exports.up = async function (knex) {
  await knex.schema.alterTable('payments', (t) => {
    t.dropForeign(['order_id']);
    t.foreign('order_id').references('id').inTable('orders').onDelete('CASCADE');
  });
};

exports.down = async function (knex) {
  await knex.schema.alterTable('payments', (t) => {
    t.dropForeign(['order_id']);
    t.foreign('order_id').references('id').inTable('orders').onDelete('RESTRICT');
  });
};
