const knex = require('knex');
const config = require('../knexfile');

// One pool per process, shared by every module of the service.
module.exports = knex(config[process.env.NODE_ENV === 'production' ? 'production' : 'development']);
