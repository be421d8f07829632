module.exports = {
  development: {
    client: 'pg',
    connection: { host: 'localhost', database: 'tickets', options: '-c statement_timeout=30000' },
    pool: {
      min: 0,
      max: 4,
      acquireTimeoutMillis: 10000,
      afterCreate: (conn, done) => {
        // session settings that are not about tenants are fine
        conn.query("SET statement_timeout = 30000; SET timezone = 'UTC'", (err) => done(err, conn));
      },
    },
  },
  production: {
    client: 'pg',
    connection: process.env.DATABASE_URL,
    pool: {
      min: 2,
      max: 10,
      acquireTimeoutMillis: 30000,
      afterCreate: (conn, done) => {
        // transaction-scoped: ends with the transaction
        conn.query(
          "SET LOCAL app.current_tenant = 'none'; SELECT set_config('app.tenant_id', '', true); " +
            'UPDATE sessions SET tenant_id = NULL WHERE false',
          (err) => done(err, conn),
        );
      },
    },
  },
};
