import { Knex } from 'knex';

// A plain index is no constraint: dropping it is M005's business only when a
// key goes with it.  The schema keeps order_id's foreign key.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('payments', (t) => {
    t.dropIndex(['order_id']);
    t.index(['order_id', 'amount_cents']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('payments', (t) => {
    t.dropIndex(['order_id', 'amount_cents']);
    t.index(['order_id']);
  });
}
