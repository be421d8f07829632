import knex, { Knex } from 'knex';
import config from '../../knexfile';

const environment = process.env.NODE_ENV === 'production' ? 'production' : 'development';

// One pool per process, shared by every module of the service.
export const db: Knex = knex(config[environment]);

export default db;
