const knex = require('../db').default;

async function expireListings(now) {
  return knex('resale_listings').where({ status: 'active' }).where('expires_at', '<', now).update({ status: 'expired' });
}

async function expireEach(listings) {
  await Promise.all(
    listings.map(async (listing) => {
      await knex('resale_listings').where({ id: listing.id }).update({ status: 'expired' });
    }),
  );
}

module.exports = { expireListings, expireEach };
