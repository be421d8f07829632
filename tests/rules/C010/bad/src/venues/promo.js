const knex = require('../db').default;

async function createPromoCode(tenantId, code, percentOff) {
  const [row] = await knex('promo_codes')
    .insert({ tenant_id: tenantId, code: code.toUpperCase(), percent_off: percentOff })
    .returning('id');
  return row.id;
}

module.exports = { createPromoCode };
