exports.up = async function (knex) {
  await Promise.all([
    knex.schema.alterTable('payments', (t) => {
      t.timestamp('captured_at');
    }),
    knex.schema.alterTable('refunds', (t) => {
      t.timestamp('processed_at');
    }),
  ]);
};

exports.down = async function (knex) {
  await knex.schema.alterTable('refunds', (t) => {
    t.dropColumn('processed_at');
  });
  await knex.schema.alterTable('payments', (t) => {
    t.dropColumn('captured_at');
  });
};
