// Environments as separate blocks: only those talking to PostgreSQL count.
module.exports = {
  development: {
    client: 'sqlite3',
    connection: { filename: './dev.sqlite3' },
    useNullAsDefault: true,
  },

  staging: {
    client: 'pg',
    connection: process.env.DATABASE_URL,
    pool: {
      min: 2,
      acquireTimeoutMillis: 30000,
    },
  },

  production: {
    client: 'postgresql',
    connection: process.env.DATABASE_URL,
    migrations: { tableName: 'knex_migrations' },
  },

  reporting: {
    client: 'pg',
    connection: process.env.REPORTING_URL,
    pool: { min: 10, max: 4, acquireTimeoutMillis: 30000 },
  },
};
