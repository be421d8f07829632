import { Knex } from 'knex';

// Each batch commits on its own: no lock outlives its batch.
export const config = { transaction: false };

export async function up(knex: Knex): Promise<void> {
  const batchSize = 1000;
  let result;
  do {
    result = await knex.raw(`
      UPDATE tickets SET status = 'valid'
      WHERE id IN (SELECT id FROM tickets WHERE status IS NULL LIMIT ${batchSize})
    `);
  } while (result.rowCount > 0);
  await knex.schema.alterTable('tickets', (t) => {
    t.text('status').notNullable().defaultTo('valid').alter();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tickets', (t) => {
    t.text('status').nullable().alter();
  });
}
