import { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // every ticket in one UPDATE
  await knex('tickets').update({ status: 'valid' });
  await knex.schema.alterTable('tickets', (t) => {
    t.text('status').notNullable().defaultTo('valid').alter();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tickets', (t) => {
    t.text('status').nullable().alter();
  });
}
