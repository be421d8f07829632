import { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('users', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('tenant_id').notNullable();
    t.text('email').notNullable();
    t.unique(['tenant_id', 'email']);
  });
  await knex.schema.createTable('resale_listings', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('ticket_id').notNullable();
    t.uuid('seller_id').notNullable();
    t.bigInteger('asking_price_cents').notNullable();
    t.text('status').notNullable().defaultTo('active');
    // at most one active listing per ticket
    t.unique(['ticket_id'], {
      indexName: 'resale_listings_one_active_per_ticket',
      predicate: knex.whereRaw("status = 'active'"),
    });
  });
  await knex.schema.createTable('venues', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('tenant_id').notNullable();
    t.text('slug').notNullable();
    t.text('name').notNullable();
  });
  await knex.raw('CREATE UNIQUE INDEX venues_tenant_slug ON venues (tenant_id, slug)');
  await knex.schema.createTable('promo_codes', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('tenant_id').notNullable();
    t.text('code').notNullable();
    t.integer('percent_off').notNullable();
    t.unique(['tenant_id', 'code']);
  });
  await knex.schema.createTable('audit_events', (t) => {
    t.bigIncrements('id');
    t.uuid('tenant_id').notNullable();
    t.text('what').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('audit_events');
  await knex.schema.dropTable('promo_codes');
  await knex.schema.dropTable('venues');
  await knex.schema.dropTable('resale_listings');
  await knex.schema.dropTable('users');
}
