import Stripe from 'stripe';
import { Knex } from 'knex';

interface Logger {
  error(fields: object, message: string): void;
}

interface Listing {
  id: string;
  tenant_id: string;
  asking_price_cents: number;
}

interface RoyaltySplit {
  id: string;
  percentage: string;
}

export class ListingUnavailableError extends Error {
  readonly statusCode = 409;
}

// Splits a resale price between the event's royalty recipients.  A split
// table over 100 % (royalty_splits_percentage_check is NOT VALID, so old
// rows may hold anything) is refused.
export function royaltyPayouts(listing: Listing, splits: RoyaltySplit[]) {
  const total = splits.reduce((sum, s) => sum + Number(s.percentage), 0);
  if (total > 100) throw new RangeError(`royalty splits add up to ${total} %`);
  return splits.map((s) => ({
    tenant_id: listing.tenant_id,
    royalty_split_id: s.id,
    resale_listing_id: listing.id,
    amount_cents: Math.floor((Number(listing.asking_price_cents) * Number(s.percentage)) / 100),
  }));
}

export class ResaleService {
  constructor(
    private readonly db: Knex,
    private readonly stripe: Stripe,
    private readonly log: Logger,
  ) {}

  async buyListing(tenantId: string, listingId: string, buyerId: string, paymentMethodId: string) {
    return this.db.transaction(async (trx) => {
      // OK: the listing and the ticket are locked before they are checked
      // (guide 3.3, resale flow).
      const listing = await trx('resale_listings')
        .where({ tenant_id: tenantId, id: listingId, status: 'active' })
        .forUpdate()
        .first();
      if (!listing) throw new ListingUnavailableError(listingId);
      const ticket = await trx('tickets')
        .where({ tenant_id: tenantId, id: listing.ticket_id, owner_id: listing.seller_id })
        .forUpdate()
        .first();
      if (!ticket) throw new ListingUnavailableError(listingId);

      // FLAW C006: the buyer's card is charged while the transaction holds
      // both row locks and a pooled connection: a slow answer from Stripe
      // stalls every other buyer of this listing and drains the pool.
      const charge = await this.stripe.paymentIntents.create(
        {
          amount: Number(listing.asking_price_cents),
          currency: listing.currency.toLowerCase(),
          payment_method: paymentMethodId,
          confirm: true,
          metadata: { tenantId, listingId, buyerId },
        },
        { idempotencyKey: `resale:${listingId}:${buyerId}` },
      );

      await trx('resale_listings')
        .where({ tenant_id: tenantId, id: listingId })
        .update({ status: 'sold', buyer_id: buyerId, sold_at: trx.fn.now() });
      await trx('tickets').where({ tenant_id: tenantId, id: ticket.id }).update({ owner_id: buyerId });
      await trx('ticket_transfers').insert({
        tenant_id: tenantId,
        ticket_id: ticket.id,
        from_user_id: listing.seller_id,
        to_user_id: buyerId,
        transfer_type: 'resale',
      });

      try {
        const splits = await trx('royalty_splits').where({ tenant_id: tenantId, event_id: ticket.event_id });
        const payouts = royaltyPayouts(listing, splits);
        if (payouts.length > 0) await trx('royalty_payouts').insert(payouts);
        // FLAW C007: the catch logs and carries on: when the splits are
        // refused, the sale commits without its royalty payouts.
      } catch (err) {
        this.log.error({ err, listingId }, 'royalty split failed');
      }

      // OK: the NFT moves on chain after the commit: the minting service
      // reads this outbox row.
      await trx('outbox').insert({
        tenant_id: tenantId,
        aggregate_type: 'ticket',
        aggregate_id: ticket.id,
        event_type: 'ticket.resold',
        payload: { listingId, ticketId: ticket.id, fromUserId: listing.seller_id, toUserId: buyerId },
      });
      return { listingId, ticketId: ticket.id, paymentIntentId: charge.id };
    });
  }
}
