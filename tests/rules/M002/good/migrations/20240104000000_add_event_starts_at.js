exports.up = function (knex) {
  return knex.schema.alterTable('events', (t) => {
    t.timestamp('starts_at', { useTz: true });
    t.index(['starts_at']);
  });
};

// dropping the column drops its index too
exports.down = function (knex) {
  return knex.schema.alterTable('events', (t) => {
    t.dropColumn('starts_at');
  });
};
