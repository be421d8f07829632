import { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('idempotency_keys', (t) => {
    t.uuid('tenant_id').notNullable();
    t.text('key').notNullable();
    t.jsonb('response');
    t.timestamp('created_at').notNullable().defaultTo(knex.fn.now());
    t.primary(['tenant_id', 'key']);
  });
  await knex.schema.createTable('inventory', (t) => {
    t.uuid('event_id').primary();
    t.integer('available').notNullable();
  });
  await knex.schema.createTable('tickets', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('event_id').notNullable();
    t.uuid('owner_id').notNullable();
  });
  await knex.schema.createTable('payments', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('tenant_id').notNullable();
    t.uuid('order_id').notNullable();
    t.bigInteger('amount_cents').notNullable();
    t.text('idempotency_key').notNullable();
    t.unique(['tenant_id', 'idempotency_key']);
  });
  await knex.schema.createTable('orders', (t) => {
    t.uuid('id').primary();
    t.uuid('tenant_id').notNullable();
    t.text('status').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('orders');
  await knex.schema.dropTable('payments');
  await knex.schema.dropTable('tickets');
  await knex.schema.dropTable('inventory');
  await knex.schema.dropTable('idempotency_keys');
}
