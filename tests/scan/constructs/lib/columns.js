// Column helpers shared by migrations.
function addTimestamps(table, knex) {
  table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  table.timestamp('updated_at').notNullable().defaultTo(knex.fn.now());
}

module.exports = { addTimestamps };
