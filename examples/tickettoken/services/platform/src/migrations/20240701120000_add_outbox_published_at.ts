import { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('outbox', (t) => {
    t.timestamp('published_at');
  });

  // OK: backfilled in batches of 1000 rows, each its own short statement
  // (guide 3.5, migration patterns).
  for (;;) {
    const result = await knex.raw(`
      UPDATE outbox SET published_at = created_at
      WHERE id IN (SELECT id FROM outbox
                   WHERE status = 'published' AND published_at IS NULL
                   LIMIT 1000)
    `);
    if (result.rowCount === 0) break;
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('outbox', (t) => {
    t.dropColumn('published_at');
  });
}
