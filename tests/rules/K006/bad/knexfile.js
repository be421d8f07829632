const tenantId = process.env.TENANT_ID;

module.exports = {
  development: {
    client: 'pg',
    connection: 'postgres://localhost/tickets',
    pool: {
      min: 0,
      max: 4,
      acquireTimeoutMillis: 10000,
      afterCreate: (conn, done) => {
        conn.query(`SET app.current_tenant = '${tenantId}'`, (err) => done(err, conn));
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
        conn.query('SET statement_timeout = 30000');
        conn.query("SELECT set_config('app.tenant_id', $1, false)", [tenantId], (err) => done(err, conn));
      },
    },
  },
};
