import type { Knex } from 'knex';

import { TENANTS } from '../lib/tables';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE EXTENSION IF NOT EXISTS pgcrypto');
  await knex.schema.createTable(TENANTS, (table) => {
    table.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    table.string('name', 120).notNullable();
    table.string('slug').notNullable().unique();
    table.boolean('active').notNullable().defaultTo(true);
    table.timestamps(true, true);
  });
  await knex.schema.createTable('users', (table) => {
    table.bigIncrements('id');
    table.uuid('tenant_id').notNullable().references('id').inTable(TENANTS).onDelete('CASCADE').onUpdate('CASCADE');
    table.string('email', 320).notNullable();
    table.text('bio');
    table.integer('age').unsigned().checkBetween([13, 130]);
    table.decimal('balance', 12, 2).notNullable().defaultTo(0).checkPositive();
    table.float('rating');
    table.date('born_on');
    table.datetime('last_seen_at');
    table.jsonb('settings').notNullable().defaultTo('{}');
    table.json('raw_profile');
    table.enu('role', ['fan', 'organiser', 'admin']).notNullable().defaultTo('fan');
    table.string('phone').checkRegex('^[+0-9 ]+$');
    table.timestamp('deleted_at');
    table.unique(['tenant_id', 'email'], { indexName: 'users_tenant_email_live', predicate: knex.whereNull('deleted_at') });
    table.index(['tenant_id'], 'users_tenant_id_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('users');
  await knex.schema.dropTable(TENANTS);
}
