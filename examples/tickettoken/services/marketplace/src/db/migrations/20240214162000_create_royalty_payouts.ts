import { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('royalty_payouts', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('RESTRICT');
    t.uuid('royalty_split_id').notNullable().references('id').inTable('royalty_splits').onDelete('RESTRICT');
    // NO ACTION on purpose: the expiry job deletes a listing together with its
    // pending payouts in one statement, and NO ACTION checks the key at the
    // end of the statement where RESTRICT would refuse at once.
    // dbaudit-ignore-next-line M001 -- NO ACTION is intended here (see above)
    t.uuid('resale_listing_id').notNullable().references('id').inTable('resale_listings');
    t.bigInteger('amount_cents').notNullable();
    t.text('status').notNullable().defaultTo('pending')
      .checkIn(['pending', 'paid', 'failed'], 'royalty_payouts_status_check');
    t.timestamp('created_at').notNullable().defaultTo(knex.fn.now());
    t.timestamp('paid_at');
    t.check('?? >= 0', ['amount_cents'], 'royalty_payouts_amount_cents_check');
    t.index(['tenant_id']);
    t.index(['royalty_split_id']);
    t.index(['resale_listing_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('royalty_payouts');
}
