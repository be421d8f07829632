const knex = require('../db').default;

// The ownership check reads the ticket without a lock: two transfers of
// one ticket both pass it.
async function transferTicket(ticketId, fromUserId, toUserId) {
  const trx = await knex.transaction();
  try {
    const ticket = await trx('tickets').where({ id: ticketId }).first();
    if (ticket.owner_id !== fromUserId) throw new Error('not the owner');
    await trx('tickets').where({ id: ticketId }).update({ owner_id: toUserId });
    await trx('ticket_transfers').insert({ ticket_id: ticketId, from_user_id: fromUserId, to_user_id: toUserId });
    await trx.commit();
  } catch (err) {
    await trx.rollback(err);
    throw err;
  }
}

module.exports = { transferTicket };
