const knex = require('../db').default;

async function replaceSplits(eventId, splits) {
  await knex.transaction(async (trx) => {
    await trx('royalty_splits').where({ event_id: eventId }).del();
    await trx('royalty_splits').insert(
      splits.map((s) => ({ event_id: eventId, recipient_id: s.recipientId, percentage: s.percentage })),
    );
  });
}

// Untyped JavaScript: the parameter's name says it is the caller's transaction.
async function copySplits(trx, fromEventId, toEventId) {
  const splits = await trx('royalty_splits').where({ event_id: fromEventId });
  await trx('royalty_splits').where({ event_id: toEventId }).del();
  await trx('royalty_splits').insert(splits.map(({ id, ...s }) => ({ ...s, event_id: toEventId })));
}

module.exports = { replaceSplits, copySplits };
