import type { Knex } from 'knex';

const config: Knex.Config = {
  client: 'pg',
  connection: process.env.DATABASE_URL,
  pool: {
    min: 2,
    max: 10,
    acquireTimeoutMillis: 30000,
    async afterCreate(conn: any, done: (err: Error | null, conn: any) => void) {
      try {
        await conn.query('SET statement_timeout = 30000');
        await conn.query("SET timezone = 'UTC'");
        done(null, conn);
      } catch (err) {
        done(err as Error, conn);
      }
    },
  },
};

export default config;
