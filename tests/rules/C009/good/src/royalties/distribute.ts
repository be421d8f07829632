import knex from '../db';

// SERIALIZABLE, retried on 40001 by calling itself again.
export async function distributeRoyalties(eventId: string, saleCents: number, attempt = 1): Promise<void> {
  try {
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
  } catch (err) {
    if ((err as { code?: string }).code === '40001' && attempt < 5) {
      return distributeRoyalties(eventId, saleCents, attempt + 1);
    }
    throw err;
  }
}

// A report: it reads, it never writes.
export async function royaltyReport(eventId: string) {
  return knex.transaction(
    async (trx) => {
      const splits = await trx('royalty_splits').where({ event_id: eventId });
      const payouts = await trx('royalty_payouts').whereIn(
        'royalty_split_id',
        splits.map((s) => s.id),
      );
      return { splits, payouts };
    },
    { isolationLevel: 'repeatable read', readOnly: true },
  );
}
