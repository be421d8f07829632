import { Knex } from 'knex';

// Venues become soft-deleted.  Schema flaw S011 (see schema.sql): the
// existing UNIQUE (tenant_id, slug) was not replaced by a partial unique
// index on deleted_at IS NULL, so a deleted venue keeps its slug taken.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('venues', (t) => {
    t.timestamp('deleted_at');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('venues', (t) => {
    t.dropColumn('deleted_at');
  });
}
