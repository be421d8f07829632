import Knex from 'knex';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const config = require('../knexfile');

const db = Knex(config);

export default db;
