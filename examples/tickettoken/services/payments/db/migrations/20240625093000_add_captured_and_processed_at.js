// When the provider captured a payment, when a refund was paid out.
exports.up = async function (knex) {
  // FLAW M004: two schema changes run concurrently on the migration's one
  // connection, in an order nobody chose.
  await Promise.all([
    knex.schema.alterTable('payments', (t) => {
      t.timestamp('captured_at');
    }),
    knex.schema.alterTable('refunds', (t) => {
      t.timestamp('processed_at');
    }),
  ]);
};

// OK: one change after the other.
exports.down = async function (knex) {
  await knex.schema.alterTable('refunds', (t) => {
    t.dropColumn('processed_at');
  });
  await knex.schema.alterTable('payments', (t) => {
    t.dropColumn('captured_at');
  });
};
