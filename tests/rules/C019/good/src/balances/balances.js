const knex = require('../db').default;

async function transfer(fromId, toId, amountCents) {
  await knex.transaction(
    async (trx) => {
      await trx('user_balances').where({ id: fromId }).decrement('balance_cents', amountCents);
      await trx('user_balances').where({ id: toId }).increment('balance_cents', amountCents);
    },
    { isolationLevel: 'read committed' },
  );
}

async function openReportTransaction() {
  return knex.transaction(null, { isolationLevel: 'repeatable read', readOnly: true });
}

module.exports = { transfer, openReportTransaction };
