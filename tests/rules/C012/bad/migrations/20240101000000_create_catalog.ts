import { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('venues', (t) => {
    t.uuid('id').primary();
    t.uuid('tenant_id').notNullable();
    t.text('name').notNullable();
    t.timestamp('deleted_at');
    t.index(['tenant_id']);
  });
  await knex.schema.createTable('events', (t) => {
    t.uuid('id').primary();
    t.uuid('tenant_id').notNullable();
    t.uuid('venue_id').notNullable().references('id').inTable('venues').onDelete('RESTRICT');
    t.text('name').notNullable();
    t.timestamp('starts_at').notNullable();
    t.timestamp('deleted_at');
    t.index(['tenant_id']);
    t.index(['venue_id']);
  });
  await knex.schema.createTable('price_plans', (t) => {
    t.uuid('id').primary();
    t.uuid('tenant_id').notNullable();
    t.text('name').notNullable();
    t.timestamp('archived_at');
    t.index(['tenant_id']);
  });
  await knex.schema.createTable('tickets', (t) => {
    t.uuid('id').primary();
    t.uuid('tenant_id').notNullable();
    t.uuid('event_id').notNullable().references('id').inTable('events').onDelete('RESTRICT');
    t.text('status').notNullable();
    t.index(['tenant_id']);
    t.index(['event_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('tickets');
  await knex.schema.dropTable('price_plans');
  await knex.schema.dropTable('events');
  await knex.schema.dropTable('venues');
}
