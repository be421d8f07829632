import type { Knex } from 'knex';

const config: Knex.Config = {
  client: 'pg',
  connection: {
    host: process.env.DB_HOST,
    user: 'app',
    database: 'tickets',
    application_name: 'ticket-service',
  },
  pool: { min: 2, max: 10, acquireTimeoutMillis: 30000 },
};

export default config;
