import { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('ticket_transfers', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    // Schema flaw S014 (see schema.sql): tenant_id is never indexed.
    t.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('RESTRICT');
    t.uuid('ticket_id').notNullable().references('id').inTable('tickets').onDelete('CASCADE');
    t.uuid('from_user_id').references('id').inTable('users').onDelete('SET NULL');
    // FLAW M001: no onDelete: the key is NO ACTION by default, a choice nobody made.
    t.uuid('to_user_id').notNullable().references('id').inTable('users');
    t.text('transfer_type').notNullable()
      .checkIn(['gift', 'resale', 'admin'], 'ticket_transfers_transfer_type_check');
    t.timestamp('transferred_at').notNullable().defaultTo(knex.fn.now());
    t.index(['ticket_id']);
    t.index(['from_user_id']);
    t.index(['to_user_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('ticket_transfers');
}
