import type { Knex } from 'knex';

const base: Knex.Config = {
  client: 'postgresql',
  connection: process.env.DATABASE_URL,
};

const config: { [key: string]: Knex.Config } = {
  // awaited query: when it rejects, done is never reached
  development: {
    ...base,
    pool: {
      min: 0,
      max: 4,
      acquireTimeoutMillis: 10000,
      afterCreate: async (conn: any, done: (err: Error | null, conn: any) => void) => {
        await conn.query('SET statement_timeout = 30000');
        done(null, conn);
      },
    },
  },
  // a promise chain without .catch
  production: {
    ...base,
    pool: {
      min: 2,
      max: 10,
      acquireTimeoutMillis: 30000,
      afterCreate: (conn: any, done: (err: Error | null, conn: any) => void) => {
        conn.query('SET statement_timeout = 30000').then(() => done(null, conn));
      },
    },
  },
};

module.exports = config;
