// A shared base spread into each environment: the base's pool is reported
// once, naming every environment that uses it.
const base = {
  client: 'pg',
  pool: { min: 2, acquireTimeoutMillis: 10000 },
  migrations: { tableName: 'knex_migrations' },
};

module.exports = {
  development: { ...base, connection: 'postgres://localhost/tickets' },
  production: { ...base, connection: process.env.DATABASE_URL },
  batch: {
    ...base,
    connection: process.env.DATABASE_URL,
    pool: { min: 5, max: 2, acquireTimeoutMillis: 10000 },
  },
};
