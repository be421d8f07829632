const knex = require('../db').default;

async function createPromoCode(tenantId, code, percentOff) {
  const rows = await knex('promo_codes')
    .insert({ tenant_id: tenantId, code: code.toUpperCase(), percent_off: percentOff })
    .onConflict(['tenant_id', 'code'])
    .ignore()
    .returning('id');
  if (rows.length === 0) {
    throw Object.assign(new Error(`promo code ${code} exists`), { status: 409 });
  }
  return rows[0].id;
}

module.exports = { createPromoCode };
