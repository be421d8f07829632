import { Knex } from 'knex';

export class TransferService {
  constructor(private readonly db: Knex) {}

  async transfer(ticketId: string, fromUserId: string, toUserId: string): Promise<void> {
    await this.db.transaction(async (trx) => {
      const n = await trx('tickets')
        .where({ id: ticketId, owner_id: fromUserId })
        .update({ owner_id: toUserId });
      if (n === 0) throw new Error('not the owner');
      await trx('ticket_transfers').insert({
        ticket_id: ticketId,
        from_user_id: fromUserId,
        to_user_id: toUserId,
        transfer_type: 'gift',
      });
    });
  }
}
