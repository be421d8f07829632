// A connection string without ?options=: no timeout there either.
module.exports = {
  client: 'pg',
  connection: 'postgres://app@db.internal/tickets?sslmode=require',
  pool: { min: 2, max: 10, acquireTimeoutMillis: 30000 },
};
