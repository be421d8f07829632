import { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('resale_listings', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('RESTRICT');
    // OK: a ticket with listings cannot be deleted (guide 1.3).
    t.uuid('ticket_id').notNullable().references('id').inTable('tickets').onDelete('RESTRICT');
    // Its foreign key came later (20240702093000_resale_seller_fk_not_valid).
    t.uuid('seller_id').notNullable();
    t.uuid('buyer_id').references('id').inTable('users').onDelete('SET NULL');
    // Schema flaw S012 (see schema.sql): no CHECK on the asking price.
    t.bigInteger('asking_price_cents').notNullable();
    t.specificType('currency', 'char(3)').notNullable().defaultTo('USD')
      .checkRegex('^[A-Z]{3}$', 'resale_listings_currency_check');
    t.text('status').notNullable().defaultTo('active')
      .checkIn(['active', 'sold', 'cancelled', 'expired'], 'resale_listings_status_check');
    t.timestamp('listed_at').notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at');
    t.timestamp('sold_at');
    t.index(['tenant_id', 'status']);
    t.index(['ticket_id']);
    t.index(['seller_id']);
    t.index(['buyer_id']);
    // OK: at most one active listing per ticket; ticket_id scopes it to a tenant.
    t.unique(['ticket_id'], {
      indexName: 'resale_listings_one_active_per_ticket',
      predicate: knex.whereRaw("status = 'active'"),
    });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('resale_listings');
}
