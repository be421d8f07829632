import { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('inventory', (t) => {
    t.uuid('event_id').primary();
    t.integer('available').notNullable();
    t.check('?? >= 0', ['available'], 'inventory_available_check');
  });
  await knex.schema.createTable('user_balances', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('user_id').notNullable().unique();
    t.bigInteger('balance_cents').notNullable().defaultTo(0);
    t.integer('version').notNullable().defaultTo(0);
  });
  await knex.schema.createTable('resale_listings', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('ticket_id').notNullable();
    t.bigInteger('asking_price_cents').notNullable();
    t.bigInteger('price_paid_cents');
    t.text('status').notNullable().defaultTo('open');
  });
  await knex.schema.createTable('orders', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.bigInteger('total_cents').notNullable().defaultTo(0);
    t.text('status').notNullable().defaultTo('pending');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('orders');
  await knex.schema.dropTable('resale_listings');
  await knex.schema.dropTable('user_balances');
  await knex.schema.dropTable('inventory');
}
