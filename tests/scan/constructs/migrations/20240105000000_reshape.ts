import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (table) => {
    table.renameColumn('bio', 'about');
    table.dropColumn('raw_profile');
    table.string('locale', 5).notNullable().defaultTo('en');
    table.dropIndex(['tenant_id'], 'users_tenant_id_idx');
    table.index(['tenant_id', 'role']);
    table.setNullable('settings');
    table.dropNullable('born_on');
  });
  await knex.schema.table('tickets', (t) => {
    t.dropUnique(['tenant_id', 'serial'], 'tickets_serial_key');
    t.unique(['tenant_id', 'serial']);
    t.dropForeign(['concert_id']);
    t.foreign('concert_id').references('concerts.id').onDelete('RESTRICT');
    t.string('row', 8).notNullable().alter();
  });
  await knex.schema.renameTable('festivals', 'festival_events');
  await knex.schema.createTableIfNotExists('tenants', (t) => {
    t.uuid('id').primary();
  });
  await knex.schema.createTable('scratch', (t) => {
    t.increments('id');
  });
  await knex.schema.dropTable('scratch');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.renameTable('festival_events', 'festivals');
}
