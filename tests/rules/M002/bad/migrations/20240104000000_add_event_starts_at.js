exports.up = function (knex) {
  return knex.schema.alterTable('events', (t) => {
    t.timestamp('starts_at', { useTz: true });
  });
};
