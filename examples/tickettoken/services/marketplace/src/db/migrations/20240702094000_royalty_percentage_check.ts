import { Knex } from 'knex';

// Schema flaw S007 (see schema.sql): added NOT VALID and never validated, so
// splits written before it may hold 250 %.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE royalty_splits
      ADD CONSTRAINT royalty_splits_percentage_check CHECK (percentage BETWEEN 0 AND 100) NOT VALID
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE royalty_splits DROP CONSTRAINT royalty_splits_percentage_check');
}
