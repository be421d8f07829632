import { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('outbox', (t) => {
    t.specificType('id', 'bigint GENERATED ALWAYS AS IDENTITY').primary();
    t.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('RESTRICT');
    // OK: aggregate_type + aggregate_id is a polymorphic pair, not a reference.
    t.text('aggregate_type').notNullable();
    t.uuid('aggregate_id').notNullable();
    t.text('event_type').notNullable();
    t.jsonb('payload').notNullable();
    t.text('status').notNullable().defaultTo('pending')
      .checkIn(['pending', 'published', 'failed'], 'outbox_status_check');
    t.integer('attempts').notNullable().defaultTo(0);
    t.timestamp('created_at').notNullable().defaultTo(knex.fn.now());
    t.check('?? >= 0', ['attempts'], 'outbox_attempts_check');
    t.index(['tenant_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('outbox');
}
