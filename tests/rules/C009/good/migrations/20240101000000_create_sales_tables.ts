import { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('events', (t) => {
    t.uuid('id').primary();
    t.text('name').notNullable();
    t.text('description');
  });
  await knex.schema.createTable('ticket_types', (t) => {
    t.uuid('id').primary();
    t.uuid('event_id').notNullable().references('id').inTable('events').onDelete('CASCADE');
    t.integer('quantity').notNullable();
    t.integer('quantity_sold').notNullable().defaultTo(0);
    t.check('?? <= ??', ['quantity_sold', 'quantity'], 'ticket_types_oversell_check');
  });
  await knex.schema.createTable('tickets', (t) => {
    t.uuid('id').primary();
    t.uuid('ticket_type_id').notNullable().references('id').inTable('ticket_types').onDelete('RESTRICT');
    t.uuid('owner_id');
    t.text('status').notNullable().defaultTo('available');
  });
  await knex.schema.createTable('ticket_transfers', (t) => {
    t.bigIncrements('id');
    t.uuid('ticket_id').notNullable().references('id').inTable('tickets').onDelete('CASCADE');
    t.uuid('from_user_id');
    t.uuid('to_user_id').notNullable();
  });
  await knex.schema.createTable('user_balances', (t) => {
    t.uuid('id').primary();
    t.uuid('user_id').notNullable().unique();
    t.bigInteger('balance_cents').notNullable().defaultTo(0);
  });
  await knex.schema.createTable('royalty_splits', (t) => {
    t.uuid('id').primary();
    t.uuid('event_id').notNullable().references('id').inTable('events').onDelete('RESTRICT');
    t.uuid('recipient_id').notNullable();
    t.decimal('percentage', 5, 2).notNullable();
  });
  await knex.schema.createTable('royalty_payouts', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('royalty_split_id').notNullable().references('id').inTable('royalty_splits').onDelete('RESTRICT');
    t.bigInteger('amount_cents').notNullable();
    t.text('status').notNullable().defaultTo('pending');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('royalty_payouts');
  await knex.schema.dropTable('royalty_splits');
  await knex.schema.dropTable('user_balances');
  await knex.schema.dropTable('ticket_transfers');
  await knex.schema.dropTable('tickets');
  await knex.schema.dropTable('ticket_types');
  await knex.schema.dropTable('events');
}
