import { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('venues', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('RESTRICT');
    t.text('name').notNullable();
    t.text('slug').notNullable();
    t.text('address');
    t.text('city').notNullable();
    t.specificType('country', 'char(2)').notNullable();
    t.text('timezone').notNullable().defaultTo('UTC');
    t.integer('capacity').notNullable().checkPositive('venues_capacity_check');
    t.timestamp('created_at').notNullable().defaultTo(knex.fn.now());
    // Also the tenant_id index.
    t.unique(['tenant_id', 'slug']);
  });

  await knex.schema.createTable('events', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('RESTRICT');
    // OK: a venue with events cannot be deleted (guide 1.3).
    t.uuid('venue_id').notNullable().references('id').inTable('venues').onDelete('RESTRICT');
    t.uuid('organizer_id').notNullable().references('id').inTable('users').onDelete('RESTRICT');
    t.text('name').notNullable();
    t.text('slug').notNullable();
    t.text('description');
    t.timestamp('starts_at').notNullable();
    t.timestamp('ends_at').notNullable();
    t.enu('status', ['draft', 'on_sale', 'sold_out', 'cancelled', 'completed'],
      { useNative: true, enumName: 'event_status' })
      .notNullable().defaultTo('draft');
    t.timestamp('created_at').notNullable().defaultTo(knex.fn.now());
    t.timestamp('deleted_at');
    t.check('?? > ??', ['ends_at', 'starts_at'], 'events_dates_check');
    // OK: slug unique per tenant among events that are not deleted (guide 2.6, 2.7).
    t.unique(['tenant_id', 'slug'], {
      indexName: 'events_tenant_id_slug_active_unique',
      predicate: knex.whereNull('deleted_at'),
    });
    t.index(['tenant_id', 'starts_at']);
    t.index(['venue_id']);
    t.index(['organizer_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('events');
  await knex.raw('DROP TYPE event_status');
  await knex.schema.dropTable('venues');
}
