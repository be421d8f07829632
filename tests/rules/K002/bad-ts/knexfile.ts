import { Knex } from 'knex';

export default {
  client: 'postgresql',
  connection: process.env.DATABASE_URL,
  pool: {
    min: 2,
    max: Number(process.env.DB_POOL_MAX) || 10,
  },
} satisfies Knex.Config;
