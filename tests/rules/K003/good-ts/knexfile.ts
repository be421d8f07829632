import type { Knex } from 'knex';

const SESSION_SETUP = `
  SET statement_timeout = '30s';
  SET idle_in_transaction_session_timeout = '60s';
`;

const config: Knex.Config = {
  client: 'postgresql',
  connection: process.env.DATABASE_URL,
  pool: {
    min: 2,
    max: 10,
    acquireTimeoutMillis: 30000,
    afterCreate(conn: any, done: (err: Error | null, conn: any) => void) {
      conn.query(SESSION_SETUP, (err: Error | null) => done(err, conn));
    },
  },
};

export default config;
