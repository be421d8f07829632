import type { Knex } from 'knex';

const config: Knex.Config = {
  client: 'pg',
  connection: {
    connectionString: process.env.DATABASE_URL,
    // inside connection: the pg driver ignores it too
    afterCreate: (conn: any, done: (err: Error | null, conn: any) => void) => {
      conn.query('SET statement_timeout = 30000', (err: Error | null) => done(err, conn));
    },
  },
  pool: { min: 2, max: 10, acquireTimeoutMillis: 30000 },
};

export default config;
