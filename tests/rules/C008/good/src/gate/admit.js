const knex = require('../db').default;

// Every scan is logged, whatever came before: no existence check decides
// whether to insert.
async function logScan(ticketId, gate, result) {
  await knex('ticket_scans').insert({ ticket_id: ticketId, gate, result });
}

// The newsletter's unique key is (tenant_id, user_id), and so is the check.
async function subscribeUser(tenantId, userId, email) {
  const existing = await knex('newsletter_subscribers').where({ tenant_id: tenantId, user_id: userId }).first();
  if (existing) return existing;
  return knex('newsletter_subscribers').insert({ tenant_id: tenantId, user_id: userId, email });
}

module.exports = { logScan, subscribeUser };
