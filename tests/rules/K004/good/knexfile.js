function afterCreate(conn, done) {
  conn.query('SET statement_timeout = 30000', (err) => done(err, conn));
}

module.exports = {
  development: {
    client: 'pg',
    connection: 'postgres://localhost/tickets',
    pool: { min: 0, max: 4, acquireTimeoutMillis: 10000, afterCreate },
  },
  production: {
    client: 'pg',
    connection: process.env.DATABASE_URL,
    pool: {
      min: 2,
      max: 10,
      acquireTimeoutMillis: 30000,
      afterCreate(conn, done) {
        conn.query('SET statement_timeout = 30000', (err) => done(err, conn));
      },
    },
  },
};
