exports.up = function (knex) {
  return knex.schema.createTable('orders', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('RESTRICT');
    t.uuid('user_id').notNullable().references('id').inTable('users').onDelete('RESTRICT');
    t.text('status').notNullable().defaultTo('pending')
      .checkIn(['pending', 'paid', 'cancelled', 'refunded', 'expired'], 'orders_status_check');
    t.bigInteger('total_cents').notNullable();
    t.specificType('currency', 'char(3)').notNullable().defaultTo('USD')
      .checkRegex('^[A-Z]{3}$', 'orders_currency_check');
    t.text('idempotency_key').notNullable();
    t.timestamps(true, true);
    t.check('?? >= 0', ['total_cents'], 'orders_total_cents_check');
    // OK: idempotency key unique per tenant (guide P0.5); the key also
    // serves as the tenant_id index.
    t.unique(['tenant_id', 'idempotency_key']);
  });
};

exports.down = function (knex) {
  return knex.schema.dropTable('orders');
};
