import knex from '../db';

// SERIALIZABLE, as the guide asks, but a serialization failure (40001)
// reaches the caller as an error: nothing retries it.
export async function distributeRoyalties(eventId: string, saleCents: number) {
  await knex.transaction(
    async (trx) => {
      const splits = await trx('royalty_splits').where({ event_id: eventId });
      await trx('royalty_payouts').insert(
        splits.map((s) => ({
          royalty_split_id: s.id,
          amount_cents: Math.floor((saleCents * Number(s.percentage)) / 100),
        })),
      );
    },
    { isolationLevel: 'serializable' },
  );
}
