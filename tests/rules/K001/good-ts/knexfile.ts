import type { Knex } from 'knex';

const pool = { min: 2, max: 10, acquireTimeoutMillis: 30000 } as const;

const config: { [key: string]: Knex.Config } = {
  development: {
    client: 'postgresql',
    connection: { host: 'localhost', database: 'tickets' },
    pool,
  },
  production: {
    client: 'postgresql',
    connection: process.env.DATABASE_URL,
    pool: { ...pool, max: 20 },
  },
};

module.exports = config;
