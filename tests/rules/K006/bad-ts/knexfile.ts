import type { Knex } from 'knex';

const config: { [key: string]: Knex.Config } = {
  development: {
    client: 'postgresql',
    connection: {
      host: 'localhost',
      database: 'tickets',
      options: `-c app.current_tenant_id=${process.env.DEV_TENANT}`,
    },
    pool: { min: 0, max: 4, acquireTimeoutMillis: 10000 },
  },
  production: {
    client: 'postgresql',
    connection: process.env.DATABASE_URL,
    pool: {
      min: 2,
      max: 10,
      acquireTimeoutMillis: 30000,
      afterCreate(conn: any, done: (err: Error | null, conn: any) => void) {
        conn.query("SET statement_timeout = 30000; SET SESSION app.tenant = 'acme'", (err: Error | null) =>
          done(err, conn),
        );
      },
    },
  },
};

export default config;
