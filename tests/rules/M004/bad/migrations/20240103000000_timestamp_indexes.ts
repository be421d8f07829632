import { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await Promise.all([
    knex.raw('CREATE INDEX payments_captured_at_idx ON payments (captured_at)'),
    knex.raw('CREATE INDEX refunds_processed_at_idx ON refunds (processed_at)'),
  ]);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX refunds_processed_at_idx');
  await knex.raw('DROP INDEX payments_captured_at_idx');
}
