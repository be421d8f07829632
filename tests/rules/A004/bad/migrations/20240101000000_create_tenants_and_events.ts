import { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('tenants', (table) => {
    table.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    table.string('name').notNullable();
  });
  await knex.schema.createTable('events', (table) => {
    table.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    // The key below was once created without onDelete; it has one now, so
    // this suppression hides nothing and should go.
    // dbaudit-ignore-next-line M001 -- events are archived, never deleted
    table.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('RESTRICT');
    table.string('name').notNullable();
    table.index(['tenant_id']);
  });
}

// dbaudit-ignore-file M002 -- this migration is never rolled back
export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('events');
  await knex.schema.dropTable('tenants');
}
