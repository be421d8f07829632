const connection = process.env.DATABASE_URL;

module.exports = {
  // done never called: no connection is ever handed out
  development: {
    client: 'pg',
    connection,
    pool: {
      min: 0,
      max: 4,
      acquireTimeoutMillis: 10000,
      afterCreate: (conn, done) => {
        conn.query('SET statement_timeout = 30000');
      },
    },
  },
  // done not called when the query fails
  staging: {
    client: 'pg',
    connection,
    pool: {
      min: 0,
      max: 4,
      acquireTimeoutMillis: 10000,
      afterCreate: function (conn, done) {
        conn.query('SET statement_timeout = 30000', function (err) {
          if (err) {
            console.error('could not set statement_timeout', err);
            return;
          }
          done(null, conn);
        });
      },
    },
  },
  // done called twice when the query fails
  production: {
    client: 'pg',
    connection,
    pool: {
      min: 2,
      max: 10,
      acquireTimeoutMillis: 30000,
      afterCreate(conn, cb) {
        conn.query('SET statement_timeout = 30000', (err) => {
          if (err) cb(err, conn);
          cb(null, conn);
        });
      },
    },
  },
  // no done parameter at all
  worker: {
    client: 'pg',
    connection,
    pool: {
      min: 0,
      max: 2,
      acquireTimeoutMillis: 30000,
      afterCreate: async (conn) => {
        await conn.query('SET statement_timeout = 30000');
      },
    },
  },
};
