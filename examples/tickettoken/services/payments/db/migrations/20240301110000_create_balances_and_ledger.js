exports.up = async function (knex) {
  await knex.schema.createTable('user_balances', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('RESTRICT');
    t.uuid('user_id').notNullable().references('id').inTable('users').onDelete('RESTRICT');
    t.specificType('currency', 'char(3)').notNullable().defaultTo('USD')
      .checkRegex('^[A-Z]{3}$', 'user_balances_currency_check');
    t.bigInteger('balance_cents').notNullable().defaultTo(0);
    t.integer('version').notNullable().defaultTo(0);
    t.timestamp('updated_at').notNullable().defaultTo(knex.fn.now());
    // OK: a balance never goes negative (guide 3.3, user balance operations).
    t.check('?? >= 0', ['balance_cents'], 'user_balances_balance_cents_check');
    // OK: one balance per user and currency; user_id scopes it to a tenant.
    t.unique(['user_id', 'currency']);
    t.index(['tenant_id']);
  });

  await knex.schema.createTable('ledger_entries', (t) => {
    t.specificType('id', 'bigint GENERATED ALWAYS AS IDENTITY').primary();
    t.uuid('user_balance_id').notNullable().references('id').inTable('user_balances').onDelete('RESTRICT');
    // OK: optional link to the payment that caused the entry.
    t.uuid('payment_id').references('id').inTable('payments').onDelete('SET NULL');
    t.text('entry_type').notNullable().checkIn(['credit', 'debit'], 'ledger_entries_entry_type_check');
    t.bigInteger('amount_cents').notNullable().checkPositive('ledger_entries_amount_cents_check');
    t.bigInteger('balance_after_cents').notNullable();
    t.text('description');
    t.timestamp('created_at').notNullable().defaultTo(knex.fn.now());
    t.check('?? >= 0', ['balance_after_cents'], 'ledger_entries_balance_after_cents_check');
    t.index(['user_balance_id']);
    t.index(['payment_id']);
  });
};

exports.down = async function (knex) {
  await knex.schema.dropTable('ledger_entries');
  await knex.schema.dropTable('user_balances');
};
