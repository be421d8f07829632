import { Knex } from 'knex';

// resale_listings is large: the seller key is added NOT VALID to avoid a
// long lock.  Schema flaw S007 (see schema.sql): the VALIDATE CONSTRAINT
// that should follow was never written.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE resale_listings
      ADD CONSTRAINT resale_listings_seller_id_foreign FOREIGN KEY (seller_id)
        REFERENCES users (id) ON DELETE RESTRICT NOT VALID
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE resale_listings DROP CONSTRAINT resale_listings_seller_id_foreign');
}
