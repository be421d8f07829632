import { Knex } from 'knex';

const statements = [
  'CREATE INDEX payments_captured_at_idx ON payments (captured_at)',
  'CREATE INDEX refunds_processed_at_idx ON refunds (processed_at)',
];

export async function up(knex: Knex): Promise<void> {
  for (const statement of statements) {
    await knex.raw(statement);
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX refunds_processed_at_idx');
  await knex.raw('DROP INDEX payments_captured_at_idx');
}
