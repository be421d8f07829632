import { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('tenants', (t) => {
    t.uuid('id').primary();
    t.text('slug').notNullable().unique();
  });
  await knex.schema.createTable('tickets', (t) => {
    t.uuid('id').primary();
    t.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('RESTRICT');
    t.uuid('event_id').notNullable();
    t.uuid('owner_id');
    t.text('status').notNullable();
    t.index(['tenant_id']);
  });
  await knex.schema.createTable('orders', (t) => {
    t.uuid('id').primary();
    t.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('RESTRICT');
    t.uuid('user_id').notNullable();
    t.text('status').notNullable();
    t.index(['tenant_id']);
  });
  await knex.schema.createTable('order_items', (t) => {
    t.uuid('id').primary();
    t.uuid('order_id').notNullable().references('id').inTable('orders').onDelete('CASCADE');
    t.uuid('ticket_id').notNullable();
    t.index(['order_id']);
  });
  await knex.schema.createTable('outbox', (t) => {
    t.bigIncrements('id');
    t.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('RESTRICT');
    t.text('event_type').notNullable();
    t.jsonb('payload').notNullable();
    t.text('status').notNullable().defaultTo('pending');
    t.index(['tenant_id']);
  });
  // tickets and orders have row level security; outbox does not
  await knex.raw(`
    ALTER TABLE tickets ENABLE ROW LEVEL SECURITY;
    ALTER TABLE tickets FORCE ROW LEVEL SECURITY;
    CREATE POLICY tenant_isolation ON tickets
      USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid);
    ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
    ALTER TABLE orders FORCE ROW LEVEL SECURITY;
    CREATE POLICY tenant_isolation ON orders
      USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('outbox');
  await knex.schema.dropTable('order_items');
  await knex.schema.dropTable('orders');
  await knex.schema.dropTable('tickets');
  await knex.schema.dropTable('tenants');
}
