import { Knex } from 'knex';

interface EventBus {
  publish(topic: string, payload: object): Promise<void>;
}

export class NotTicketOwnerError extends Error {
  readonly statusCode = 403;
}

export class TransferService {
  constructor(
    private readonly db: Knex,
    private readonly eventBus: EventBus,
  ) {}

  // "Send to a friend" for a whole basket of tickets.
  async transferTickets(tenantId: string, fromUserId: string, toUserId: string, ticketIds: string[]) {
    await this.db.transaction(async (trx) => {
      // OK: the tickets are locked before the ownership check.
      const tickets = await trx('tickets')
        .where({ tenant_id: tenantId, owner_id: fromUserId })
        .whereIn('id', ticketIds)
        .forUpdate();
      if (tickets.length !== ticketIds.length) throw new NotTicketOwnerError(fromUserId);
      const transfers = [];
      for (const ticket of tickets) {
        // FLAW C002: one UPDATE per ticket; whereIn('id', ticketIds) would
        // move the whole basket in one statement.
        await trx('tickets').where({ tenant_id: tenantId, id: ticket.id }).update({ owner_id: toUserId });
        transfers.push({
          tenant_id: tenantId,
          ticket_id: ticket.id,
          from_user_id: fromUserId,
          to_user_id: toUserId,
          transfer_type: 'gift',
        });
      }
      // FLAW C005: the history goes through the pool, outside the transaction:
      // it commits even when the transfer rolls back.
      await this.db('ticket_transfers').insert(transfers);
    });
  }

  async giftTicket(tenantId: string, ticketId: string, fromUserId: string, toUserId: string) {
    await this.db.transaction(async (trx) => {
      // OK: compare-and-set on the owner, row count checked.
      const moved = await trx('tickets')
        .where({ tenant_id: tenantId, id: ticketId, owner_id: fromUserId })
        .update({ owner_id: toUserId });
      if (moved === 0) throw new NotTicketOwnerError(fromUserId);
      // OK: a builder of the outer connection, bound to the transaction.
      await this.db('ticket_transfers')
        .insert({
          tenant_id: tenantId,
          ticket_id: ticketId,
          from_user_id: fromUserId,
          to_user_id: toUserId,
          transfer_type: 'gift',
        })
        .transacting(trx);
    });
    // FLAW C018: published after the commit instead of through an outbox row
    // of the transaction: if the process stops here, the ticket has changed
    // hands and the new owner is never sent it.
    await this.eventBus.publish('ticket.transferred', { tenantId, ticketId, fromUserId, toUserId });
  }
}
