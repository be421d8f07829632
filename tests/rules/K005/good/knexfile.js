const { withRetry } = require('./retry');

module.exports = {
  // the query's own callback
  development: {
    client: 'pg',
    connection: 'postgres://localhost/tickets',
    pool: {
      min: 0,
      max: 4,
      acquireTimeoutMillis: 10000,
      afterCreate: (conn, done) => {
        conn.query('SET statement_timeout = 30000', done);
      },
    },
  },
  // both branches call done, the error branch returns
  staging: {
    client: 'pg',
    connection: process.env.DATABASE_URL,
    pool: {
      min: 0,
      max: 4,
      acquireTimeoutMillis: 10000,
      afterCreate(conn, done) {
        conn.query('SET statement_timeout = 30000', (err) => {
          if (err) {
            return done(err, conn);
          }
          conn.query("SET timezone = 'UTC'", (err2) => done(err2, conn));
        });
      },
    },
  },
  // a chain that settles done once on either outcome
  production: {
    client: 'pg',
    connection: process.env.DATABASE_URL,
    pool: {
      min: 2,
      max: 10,
      acquireTimeoutMillis: 30000,
      afterCreate: (conn, done) => {
        conn
          .query('SET statement_timeout = 30000')
          .then(() => done(null, conn))
          .catch(done);
      },
    },
  },
  // done handed to a helper dbaudit cannot see into: not judged
  worker: {
    client: 'pg',
    connection: process.env.DATABASE_URL,
    pool: {
      min: 0,
      max: 2,
      acquireTimeoutMillis: 30000,
      afterCreate: (conn, done) => withRetry(() => conn.query('SET statement_timeout = 30000'), done),
    },
  },
};
