import { Knex } from 'knex';

// Raw provider webhooks, before they are matched to a tenant.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('webhook_events', (t) => {
    // Schema flaw S001 (see schema.sql): an identity column, never made the
    // primary key.
    t.specificType('id', 'bigint GENERATED ALWAYS AS IDENTITY');
    t.text('provider').notNullable();
    t.text('provider_event_id').notNullable();
    t.text('event_type').notNullable();
    t.jsonb('payload').notNullable();
    t.timestamp('received_at').notNullable().defaultTo(knex.fn.now());
    t.timestamp('processed_at');
    t.index(['received_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('webhook_events');
}
