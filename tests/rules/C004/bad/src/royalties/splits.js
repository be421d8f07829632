const knex = require('../db').default;

// Replacing the splits: between the delete and the insert, the event has none.
async function replaceSplits(eventId, splits) {
  await knex('royalty_splits').where({ event_id: eventId }).del();
  await knex('royalty_splits').insert(
    splits.map((s) => ({ event_id: eventId, recipient_id: s.recipientId, percentage: s.percentage })),
  );
}

module.exports = { replaceSplits };
