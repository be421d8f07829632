const knex = require('../db').default;

// forEach does not wait for an async callback: the function returns, and the
// caller reports success, before any update has run (and their errors are lost).
async function expireListings(now) {
  const expired = await knex('resale_listings').where({ status: 'active' }).where('expires_at', '<', now);
  expired.forEach(async (listing) => {
    await knex('resale_listings').where({ id: listing.id }).update({ status: 'expired' });
  });
  return expired.length;
}

module.exports = { expireListings };
