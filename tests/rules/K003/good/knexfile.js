const { afterCreate } = require('./db-hooks');

module.exports = {
  // in afterCreate, as the guide shows
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
  // a pg connection option
  staging: {
    client: 'pg',
    connection: { connectionString: process.env.DATABASE_URL, statement_timeout: 30000 },
    pool: { min: 2, max: 10, acquireTimeoutMillis: 30000 },
  },
  // server options passed at connection time
  production: {
    client: 'pg',
    connection: { host: 'db.internal', database: 'tickets', options: '-c statement_timeout=30000' },
    pool: { min: 2, max: 10, acquireTimeoutMillis: 30000 },
  },
  // in the connection string
  reporting: {
    client: 'pg',
    connection: 'postgres://app@replica/tickets?options=-c%20statement_timeout%3D60000',
    pool: { min: 0, max: 4, acquireTimeoutMillis: 30000 },
  },
  // a hook from another module: dbaudit cannot see what it sets
  worker: {
    client: 'pg',
    connection: process.env.DATABASE_URL,
    pool: { min: 0, max: 4, acquireTimeoutMillis: 30000, afterCreate },
  },
  // not a PostgreSQL server
  test: { client: 'sqlite3', connection: ':memory:', useNullAsDefault: true },
};
