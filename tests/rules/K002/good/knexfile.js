const base = {
  client: 'pg',
  pool: { min: 0, max: 10, acquireTimeoutMillis: 10000 },
};

module.exports = {
  development: { ...base, connection: 'postgres://localhost/tickets' },
  production: {
    ...base,
    connection: process.env.DATABASE_URL,
    pool: { ...base.pool, max: 20 },
  },
  // the value comes from the environment: it is set
  worker: {
    client: 'pg',
    connection: process.env.DATABASE_URL,
    pool: { min: 0, max: 4, acquireTimeoutMillis: Number(process.env.ACQUIRE_MS) },
  },
  // the config-level timeout: Knex applies it to the pool
  reporting: {
    client: 'pg',
    connection: process.env.REPORTING_URL,
    acquireConnectionTimeout: 10000,
    pool: { min: 0, max: 4 },
  },
  // no pool at all is K001's finding, not this rule's
  scripts: { client: 'pg', connection: process.env.DATABASE_URL },
};
