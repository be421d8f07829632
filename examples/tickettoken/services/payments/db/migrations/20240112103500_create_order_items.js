// Schema flaw S013 (see schema.sql): order_items has no tenant_id; it
// belongs to a tenant only through orders.
exports.up = async function (knex) {
  await knex.schema.createTable('order_items', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    // OK: items are owned by their order.
    t.uuid('order_id').notNullable().references('id').inTable('orders').onDelete('CASCADE');
    t.uuid('ticket_id').notNullable().references('id').inTable('tickets').onDelete('RESTRICT');
    t.bigInteger('unit_price_cents').notNullable();
    t.bigInteger('fee_cents').notNullable().defaultTo(0);
    t.timestamp('created_at').notNullable().defaultTo(knex.fn.now());
    t.check('?? >= 0', ['unit_price_cents'], 'order_items_unit_price_cents_check');
    t.check('?? >= 0', ['fee_cents'], 'order_items_fee_cents_check');
    t.unique(['order_id', 'ticket_id']);
    t.index(['ticket_id']);
  });

  // The order history page lists a user's orders with their items.
  await knex.schema.alterTable('orders', (t) => {
    t.index(['user_id']);
  });
};

// FLAW M002: down drops order_items but leaves orders_user_id_index, which
// up created on orders.
exports.down = async function (knex) {
  await knex.schema.dropTable('order_items');
};
