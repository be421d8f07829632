import { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('idempotency_keys', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('RESTRICT');
    t.text('key').notNullable();
    t.text('request_method').notNullable();
    t.text('request_path').notNullable();
    t.text('request_hash').notNullable();
    t.integer('response_code');
    t.jsonb('response_body');
    t.timestamp('locked_at');
    t.timestamp('created_at').notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at').notNullable();
    // OK: the database, not a read-then-insert, refuses a replayed key; the
    // key is also the tenant_id index.
    t.unique(['tenant_id', 'key']);
    t.index(['expires_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('idempotency_keys');
}
