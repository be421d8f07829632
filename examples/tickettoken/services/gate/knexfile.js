// Knex configuration of the gate service (ticket scans at the venue gates).
// Each gate deployment serves the venues of one tenant.

module.exports = {
  development: {
    client: 'pg',
    connection: {
      host: process.env.PGHOST || 'localhost',
      port: Number(process.env.PGPORT || 5432),
      user: process.env.PGUSER || 'tickettoken_app',
      database: process.env.PGDATABASE || 'tickettoken',
    },
    pool: {
      min: 0,
      max: 4,
      acquireTimeoutMillis: 10000,
      afterCreate: (conn, done) => {
        conn.query(
          // FLAW K006: the tenant is set on the whole pooled session, not per
          // transaction: it sticks to the connection, whichever request borrows it.
          `SET statement_timeout = 30000; SET app.current_tenant_id = '${process.env.GATE_TENANT_ID || ''}'`,
          (err) => done(err, conn),
        );
      },
    },
    migrations: {
      directory: './migrations',
      tableName: 'knex_migrations_gate',
      loadExtensions: ['.js'],
    },
  },

  production: {
    client: 'pg',
    connection: process.env.DATABASE_URL,
    // FLAW K002: no acquireTimeoutMillis: when the pool is exhausted, scans
    // wait the default 60 s for a connection instead of failing fast.
    pool: {
      min: 0,
      max: 4,
      afterCreate: (conn, done) => {
        conn.query('SET statement_timeout = 30000', (err) => done(err, conn));
      },
    },
    migrations: {
      directory: './migrations',
      tableName: 'knex_migrations_gate',
      loadExtensions: ['.js'],
    },
  },
};
