// Knex configuration of the payments service (orders, payments, refunds,
// user balances and their ledger).

module.exports = {
  development: {
    client: 'postgresql',
    connection: {
      host: process.env.PGHOST || 'localhost',
      port: Number(process.env.PGPORT || 5432),
      user: process.env.PGUSER || 'tickettoken_app',
      database: process.env.PGDATABASE || 'tickettoken',
    },
    pool: {
      min: 2,
      max: 10,
      acquireTimeoutMillis: 30000,
      // FLAW K005: when the SET fails, done is never called: the connection is
      // never handed out, and every request waits for acquireTimeoutMillis.
      afterCreate: function (conn, done) {
        conn.query('SET statement_timeout = 30000', function (err) {
          if (err) {
            console.error('payments: could not set statement_timeout', err);
            return;
          }
          done(null, conn);
        });
      },
    },
    migrations: {
      directory: './db/migrations',
      tableName: 'knex_migrations_payments',
      loadExtensions: ['.js'],
    },
  },

  production: {
    client: 'postgresql',
    connection: process.env.DATABASE_URL,
    // FLAW K003: with afterCreate outside the pool (K004 below), nothing sets a
    // statement_timeout on production connections.
    pool: {
      min: 2,
      max: 10,
      acquireTimeoutMillis: 30000,
    },
    // FLAW K004: afterCreate sits beside pool instead of inside it: Knex never
    // calls it, so production connections run without a statement timeout.
    afterCreate: (conn, done) => {
      conn.query('SET statement_timeout = 30000', (err) => done(err, conn));
    },
    migrations: {
      directory: './db/migrations',
      tableName: 'knex_migrations_payments',
      loadExtensions: ['.js'],
    },
  },
};
