import { Knex } from 'knex';

// A merge left this migration half edited: Knex cannot load it.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('venues', (table) => {
    table.uuid('id').primary();
    table.string('name').notNullable(;
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('venues');
}
