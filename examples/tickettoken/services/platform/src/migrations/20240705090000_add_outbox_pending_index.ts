import { Knex } from 'knex';

// The relay polls pending messages in order.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('outbox', (t) => {
    t.index(['created_at'], 'outbox_pending_index', { predicate: knex.whereRaw("status = 'pending'") });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('outbox', (t) => {
    t.dropIndex(['created_at'], 'outbox_pending_index');
  });
}
