import type { Knex } from 'knex';

const config: Knex.Config = {
  client: 'pg',
  connection: {
    host: process.env.DB_HOST,
    database: 'tickets',
  },
  pool: {
    min: 2,
    acquireTimeoutMillis: 30000,
  },
  migrations: { tableName: 'knex_migrations', extension: 'ts' },
};

export default config;
