// A project that uses every Knex construct dbaudit reads; the equivalence
// test applies it with Knex and compares the catalog with dbaudit's reading.
module.exports = {
  development: {
    client: 'pg',
    connection: process.env.DATABASE_URL,
    pool: {
      min: 0,
      max: 4,
      acquireTimeoutMillis: 10000,
      afterCreate(conn, done) {
        conn.query('SET statement_timeout = 30000', (err) => done(err, conn));
      },
    },
    migrations: { directory: './migrations', tableName: 'knex_migrations_constructs', loadExtensions: ['.js', '.ts'] },
  },
};
