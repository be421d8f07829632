const shared = require('./knex-shared');

function poolFor(service) {
  return { min: 0, max: Number(process.env[`${service}_POOL_MAX`]) || 5 };
}

module.exports = {
  // not a server: sqlite has no connection limit to exhaust
  test: { client: 'sqlite3', connection: ':memory:', useNullAsDefault: true },
  development: {
    client: 'pg',
    connection: 'postgres://localhost/tickets',
    pool: { min: 0, max: 4, acquireTimeoutMillis: 10000 },
  },
  // max from the environment: set, even though its value is not known here
  production: {
    client: 'pg',
    connection: process.env.DATABASE_URL,
    pool: {
      min: 2,
      max: Number(process.env.DB_POOL_MAX) || 10,
      acquireTimeoutMillis: 30000,
    },
  },
  // built by a function: not readable statically, not judged
  worker: { client: 'pg', connection: process.env.DATABASE_URL, pool: poolFor('WORKER') },
  // everything else comes from another module: not judged
  replica: { ...shared, connection: process.env.REPLICA_URL },
};
