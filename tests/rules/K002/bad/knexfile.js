module.exports = {
  development: {
    client: 'pg',
    connection: 'postgres://localhost/tickets',
    pool: { min: 0, max: 4 },
  },
  production: {
    client: 'pg',
    connection: process.env.DATABASE_URL,
    pool: {
      min: 2,
      max: 10,
      createTimeoutMillis: 30000,
    },
  },
};
