const { EVENT_TABLES } = require('../lib/tables');
const { addTimestamps } = require('../lib/columns');

// Native enum shared by both event tables.
const STATUSES = ['draft', 'on_sale', 'sold_out', 'cancelled'];

function eventColumns(table, knex, first) {
  table.increments('id');
  table.uuid('tenant_id').notNullable();
  table.foreign('tenant_id', `${table._tableName || 'evt'}_tenant_fk`);
  table.string('title').notNullable();
  table
    .enu('status', STATUSES, { useNative: true, enumName: 'event_status', existingType: !first })
    .notNullable()
    .defaultTo('draft');
  table.integer('capacity').notNullable().checkPositive();
  addTimestamps(table, knex);
}

exports.up = async function (knex) {
  let first = true;
  for (const name of EVENT_TABLES) {
    await knex.schema.createTable(name, (table) => {
      table.increments('id');
      table.uuid('tenant_id').notNullable().references('tenants.id').onDelete('RESTRICT');
      table.string('title').notNullable();
      table
        .enu('status', STATUSES, { useNative: true, enumName: 'event_status', existingType: !first })
        .notNullable()
        .defaultTo('draft');
      table.integer('capacity').notNullable().checkPositive();
      addTimestamps(table, knex);
      table.index(['tenant_id', 'status']);
    });
    first = false;
  }
};

exports.down = async function (knex) {
  for (const name of EVENT_TABLES) await knex.schema.dropTable(name);
  await knex.raw('DROP TYPE event_status');
};
