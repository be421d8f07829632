import { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('webhook_events', (t) => {
    t.bigIncrements('id');
    t.text('provider').notNullable();
    t.text('provider_event_id').notNullable();
    t.jsonb('payload').notNullable();
    t.index(['provider', 'provider_event_id']);
  });
  await knex.schema.createTable('ticket_scans', (t) => {
    t.bigIncrements('id');
    t.uuid('ticket_id').notNullable().index();
    t.text('gate').notNullable();
    t.text('result').notNullable();
  });
  await knex.schema.createTable('favourites', (t) => {
    t.bigIncrements('id');
    t.uuid('user_id').notNullable();
    t.uuid('event_id').notNullable();
    t.timestamp('touched_at');
    t.index(['user_id', 'event_id']);
  });
  await knex.schema.createTable('newsletter_subscribers', (t) => {
    t.bigIncrements('id');
    t.uuid('tenant_id').notNullable();
    t.uuid('user_id');
    t.text('email').notNullable();
    t.unique(['tenant_id', 'user_id']);
  });
  await knex.schema.createTable('users', (t) => {
    t.uuid('id').primary();
    t.uuid('tenant_id').notNullable();
    t.text('email').notNullable();
    t.unique(['tenant_id', 'email']);
  });
  await knex.schema.createTable('promo_redemptions', (t) => {
    t.bigIncrements('id');
    t.uuid('promo_code_id').notNullable();
    t.uuid('user_id').notNullable();
  });
  await knex.raw('CREATE UNIQUE INDEX promo_redemptions_once ON promo_redemptions (promo_code_id, user_id)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('promo_redemptions');
  await knex.schema.dropTable('users');
  await knex.schema.dropTable('newsletter_subscribers');
  await knex.schema.dropTable('favourites');
  await knex.schema.dropTable('ticket_scans');
  await knex.schema.dropTable('webhook_events');
}
