const knex = require('../db').default;

// Two gates scanning the same ticket at the same moment both admit it.
async function admit(ticketId, gate) {
  const admitted = await knex('ticket_scans').where({ ticket_id: ticketId, result: 'admitted' }).first();
  if (admitted) {
    return 'duplicate';
  }
  await knex('ticket_scans').insert({ ticket_id: ticketId, gate, result: 'admitted' });
  return 'admitted';
}

module.exports = { admit };
