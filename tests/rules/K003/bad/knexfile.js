module.exports = {
  // no pool: reported at the config object
  development: {
    client: 'pg',
    connection: 'postgres://localhost/tickets',
  },
  // afterCreate sets the time zone only
  production: {
    client: 'pg',
    connection: process.env.DATABASE_URL,
    pool: {
      min: 2,
      max: 10,
      acquireTimeoutMillis: 30000,
      afterCreate: (conn, done) => {
        conn.query("SET timezone = 'UTC'", (err) => done(err, conn));
      },
    },
  },
};
