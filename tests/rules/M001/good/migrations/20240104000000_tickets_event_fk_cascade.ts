import { Knex } from 'knex';

// Tickets belong to their event: they go with it.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tickets', (t) => {
    t.dropForeign(['event_id']);
    t.foreign('event_id').references('id').inTable('events').onDelete('CASCADE');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tickets', (t) => {
    t.dropForeign(['event_id']);
    t.foreign('event_id').references('id').inTable('events');
  });
}
