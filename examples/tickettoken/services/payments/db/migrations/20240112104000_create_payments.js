async function up(knex) {
  await knex.schema.createTable('payments', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('RESTRICT');
    t.uuid('order_id').notNullable().references('id').inTable('orders').onDelete('RESTRICT');
    // Schema flaw S004 (see schema.sql): deleting a user deletes their payments.
    t.uuid('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.bigInteger('amount_cents').notNullable().checkPositive('payments_amount_cents_check');
    t.specificType('currency', 'char(3)').notNullable().defaultTo('USD')
      .checkRegex('^[A-Z]{3}$', 'payments_currency_check');
    t.enu('status', ['pending', 'authorized', 'captured', 'failed', 'refunded', 'partially_refunded'],
      { useNative: true, enumName: 'payment_status' })
      .notNullable().defaultTo('pending');
    t.text('provider').notNullable().checkIn(['stripe', 'paypal', 'crypto'], 'payments_provider_check');
    t.text('provider_payment_id');
    t.text('idempotency_key').notNullable();
    t.timestamp('created_at').notNullable().defaultTo(knex.fn.now());
    // OK: idempotency key per tenant, and the provider's id per tenant.
    t.unique(['tenant_id', 'idempotency_key']);
    t.unique(['tenant_id', 'provider', 'provider_payment_id']);
    t.index(['order_id']);
    t.index(['user_id']);
  });
}

async function down(knex) {
  await knex.schema.dropTable('payments');
  await knex.raw('DROP TYPE payment_status');
}

module.exports = { up, down };
