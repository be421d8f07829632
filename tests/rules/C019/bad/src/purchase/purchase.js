const knex = require('../db').default;

// What Knex 3.3.0 does with these calls (lib/knex-builder/make-knex.js and
// lib/execution/transaction.js):
//  - transaction(container, config) takes the handler first.  Only
//    transaction(config), with no second argument, is read as a config;
//    with a handler second, the object is called as the handler and the
//    promise rejects with "TypeError: container is not a function" before
//    the handler runs.  (TypeScript refuses the call: no overload matches.)
//  - setIsolationLevel() accepts exactly 'read uncommitted', 'read committed',
//    'snapshot', 'repeatable read' and 'serializable' (lower case, words
//    separated by one space); anything else throws "Invalid isolationLevel,
//    supported isolation levels are: [...]" before BEGIN is sent.
//  - 'snapshot' passes that check, but PostgreSQL refuses it: BEGIN
//    TRANSACTION ISOLATION LEVEL snapshot is a syntax error.

// Guide 1.2's call, config first: the purchase never runs.
async function purchase(ticketTypeId, quantity) {
  return knex.transaction({ isolationLevel: 'serializable' }, async (trx) => {
    await trx('ticket_types').where({ id: ticketTypeId }).increment('quantity_sold', quantity);
  });
}

// Config first again.
async function salesReport(eventId) {
  return knex.transaction({ readOnly: true }, async (trx) => {
    return trx('ticket_types').where({ event_id: eventId });
  });
}

module.exports = { purchase, salesReport };
