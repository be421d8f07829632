// Knex configuration of the marketplace service (resale listings, royalty
// splits and payouts, ticket transfers).
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
    // FLAW K001: the pool has no max: every instance may open Knex's default
    // of 10 connections, whatever the server allows.
    pool: {
      min: 2,
      acquireTimeoutMillis: 30000,
      afterCreate(conn: any, done: (err: Error | null, conn: any) => void) {
        conn.query('SET statement_timeout = 30000', (err: Error | null) => done(err, conn));
      },
    },
    migrations: {
      directory: './src/db/migrations',
      tableName: 'knex_migrations_marketplace',
      extension: 'ts',
      loadExtensions: ['.ts'],
    },
  },

  production: {
    client: 'pg',
    connection: process.env.DATABASE_URL,
    // FLAW K003: no statement_timeout, neither in an afterCreate nor in the
    // connection options: a runaway query holds its locks and its connection.
    pool: {
      min: 2,
      max: 10,
      acquireTimeoutMillis: 30000,
    },
    migrations: {
      directory: './src/db/migrations',
      tableName: 'knex_migrations_marketplace',
      extension: 'ts',
      loadExtensions: ['.ts'],
    },
  },
};

export default config;
