const knex = require('../db').default;

// British spelling: not an isolation level Knex knows.
async function transfer(fromId, toId, amountCents) {
  await knex.transaction(
    async (trx) => {
      await trx('user_balances').where({ id: fromId }).decrement('balance_cents', amountCents);
      await trx('user_balances').where({ id: toId }).increment('balance_cents', amountCents);
    },
    { isolationLevel: 'serialisable' },
  );
}

// The transaction-object form with an underscore where Knex wants a space.
async function openReportTransaction() {
  return knex.transaction({ isolationLevel: 'repeatable_read', readOnly: true });
}

module.exports = { transfer, openReportTransaction };
