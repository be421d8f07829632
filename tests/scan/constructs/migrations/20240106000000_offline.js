exports.config = { transaction: false };

exports.up = async function (knex) {
  // ?? bindings are identifiers Knex quotes itself (value bindings would be
  // sent as parameters, which PostgreSQL refuses in DDL).
  await knex.raw("CREATE INDEX CONCURRENTLY IF NOT EXISTS tickets_state_idx ON ?? (state) WHERE state <> 'void'", ['tickets']);
  await knex.schema.raw('ALTER TABLE tickets ADD CONSTRAINT tickets_seat_positive CHECK (seat_number > 0) NOT VALID');
};

exports.down = async function (knex) {
  await knex.raw('ALTER TABLE tickets DROP CONSTRAINT tickets_seat_positive');
  await knex.raw('DROP INDEX CONCURRENTLY IF EXISTS tickets_state_idx');
};
