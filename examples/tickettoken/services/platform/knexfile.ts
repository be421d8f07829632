// Knex configuration of the platform service (tenants, users, venues,
// events, tickets, idempotency keys, outbox, webhook intake, audit log).
import type { Knex } from 'knex';

const config: { [env: string]: Knex.Config } = {
  development: {
    client: 'pg',
    connection: {
      host: process.env.PGHOST || 'localhost',
      port: Number(process.env.PGPORT || 5432),
      user: process.env.PGUSER || 'tickettoken_app',
      database: process.env.PGDATABASE || 'tickettoken',
    },
    // OK: a sized pool that fails fast, and a statement timeout set inside
    // pool.afterCreate, which calls done exactly once on every path.
    pool: {
      min: 0,
      max: 5,
      acquireTimeoutMillis: 10000,
      afterCreate(conn: any, done: (err: Error | null, conn: any) => void) {
        conn.query('SET statement_timeout = 30000', (err: Error | null) => {
          done(err, conn);
        });
      },
    },
    migrations: {
      directory: './src/migrations',
      tableName: 'knex_migrations',
      extension: 'ts',
      loadExtensions: ['.ts'],
    },
  },

  production: {
    client: 'pg',
    connection: process.env.DATABASE_URL,
    // OK: the same settings, sized for production.
    pool: {
      min: 2,
      max: 10,
      acquireTimeoutMillis: 30000,
      afterCreate(conn: any, done: (err: Error | null, conn: any) => void) {
        conn.query('SET statement_timeout = 30000', (err: Error | null) => {
          done(err, conn);
        });
      },
    },
    migrations: {
      directory: './src/migrations',
      tableName: 'knex_migrations',
      extension: 'ts',
      loadExtensions: ['.ts'],
    },
  },
};

export default config;
