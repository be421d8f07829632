import { Knex } from 'knex';

// Hand-written for the "my tickets" page.  Schema flaw S020 (see
// schema.sql): tickets_owner_id_index already covers owner_id.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.raw('CREATE INDEX idx_tickets_owner_id ON tickets (owner_id)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.raw('DROP INDEX idx_tickets_owner_id');
}
