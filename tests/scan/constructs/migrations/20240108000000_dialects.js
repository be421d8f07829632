// Code written for several databases: dbaudit reads it as it runs on
// PostgreSQL, whatever the environment says.
const isMySQL = process.env.DB_CLIENT === 'mysql' || process.env.DB_CLIENT === 'mysql2';

exports.up = async function (knex) {
  // increments() is the key already; .primary() on it names no second one.
  await knex.schema.createTable('gates', (t) => {
    t.increments('id').primary();
    t.string('name').notNullable();
  });
  const ifNotExists = isMySQL ? '' : 'IF NOT EXISTS';
  await knex.raw(`CREATE INDEX ${ifNotExists} tickets_serial_idx ON tickets (serial)`);
  switch (knex.client.config.client) {
    case 'mysql':
      await knex.schema.alterTable('tickets', (t) => t.string('mysql_only'));
      break;
    case 'pg':
      await knex.schema.alterTable('tickets', (t) => t.string('checked_in_by'));
      break;
    default:
      break;
  }
};

exports.down = async function (knex) {
  await knex.schema.dropTable('gates');
  await knex.schema.alterTable('tickets', (t) => t.dropColumn('checked_in_by'));
  await knex.raw('DROP INDEX tickets_serial_idx');
};
