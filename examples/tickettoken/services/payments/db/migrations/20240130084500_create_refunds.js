async function up(knex) {
  await knex.schema.createTable('refunds', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('RESTRICT');
    // Schema flaw S002 (see schema.sql): no index on payment_id.
    t.uuid('payment_id').notNullable().references('id').inTable('payments').onDelete('RESTRICT');
    t.bigInteger('amount_cents').notNullable().checkPositive('refunds_amount_cents_check');
    t.text('reason');
    t.text('status').notNullable().defaultTo('requested')
      .checkIn(['requested', 'approved', 'rejected', 'processed'], 'refunds_status_check');
    // OK: optional link, SET NULL keeps the refund when the user goes.
    t.uuid('requested_by').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('created_at').notNullable().defaultTo(knex.fn.now());
    t.index(['tenant_id', 'created_at']);
    t.index(['requested_by']);
  });
}

async function down(knex) {
  await knex.schema.dropTable('refunds');
}

module.exports = { up, down };
