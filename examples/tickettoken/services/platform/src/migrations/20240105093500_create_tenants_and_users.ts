import { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // The tenants table itself is not tenant-scoped: no tenant_id, no RLS.
  await knex.schema.createTable('tenants', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('name').notNullable();
    // OK: tenant slugs are global (they are the tenants' subdomains).
    t.text('slug').notNullable().unique();
    t.text('status').notNullable().defaultTo('active')
      .checkIn(['active', 'suspended', 'closed'], 'tenants_status_check');
    t.text('plan').notNullable().defaultTo('standard');
    t.timestamp('created_at').notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('users', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    // OK: explicit ON DELETE, and indexed below.
    t.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('RESTRICT');
    t.text('email').notNullable();
    t.text('display_name').notNullable();
    t.enu('role', ['customer', 'organizer', 'admin', 'support'], { useNative: true, enumName: 'user_role' })
      .notNullable().defaultTo('customer');
    t.text('wallet_address');
    t.text('password_hash');
    t.timestamps(true, true);
    // Schema flaw S009 (see schema.sql): unique across all tenants.
    t.unique(['email']);
    t.index(['tenant_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('users');
  await knex.raw('DROP TYPE user_role');
  await knex.schema.dropTable('tenants');
}
