module.exports = {
  client: 'pg',
  connection: process.env.DATABASE_URL,
  migrations: { directory: './migrations' },
  pool: {
    min: 0,
    max: 4,
    acquireTimeoutMillis: 10000,
    afterCreate: (conn, done) => {
      conn.query('SET statement_timeout = 30000', (err) => done(err, conn));
    },
  },
};
