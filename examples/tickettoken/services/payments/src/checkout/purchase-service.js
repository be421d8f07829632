const db = require('../db');
const { stripe } = require('../clients');
const { ConflictError, NotFoundError, SoldOutError } = require('../errors');

const MAX_ATTEMPTS = 3;

/**
 * Reserves `quantity` tickets of a ticket type and opens a pending order for
 * them.  The client sends an Idempotency-Key header and retries with it.
 *
 * OK: SERIALIZABLE with a retry on 40001, the ticket type locked before the
 * availability check, the tickets taken with SKIP LOCKED, the event in the
 * outbox, and a replayed key (23505 on the order) answered with the order the
 * first request created.
 */
async function purchaseTickets({ tenantId, userId, ticketTypeId, quantity, idempotencyKey }) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction(
        async (trx) => {
          const type = await trx('ticket_types')
            .where({ tenant_id: tenantId, id: ticketTypeId })
            .forUpdate()
            .first();
          if (!type) throw new NotFoundError('ticket type');
          if (type.quantity_sold + quantity > type.quantity) throw new SoldOutError(ticketTypeId);

          const tickets = await trx('tickets')
            .where({ tenant_id: tenantId, ticket_type_id: ticketTypeId, status: 'available' })
            .orderBy('serial_number')
            .limit(quantity)
            .forUpdate()
            .skipLocked();
          if (tickets.length < quantity) throw new SoldOutError(ticketTypeId);
          const ticketIds = tickets.map((t) => t.id);

          await trx('ticket_types')
            .where({ tenant_id: tenantId, id: ticketTypeId })
            .increment('quantity_sold', quantity);
          await trx('tickets')
            .where({ tenant_id: tenantId })
            .whereIn('id', ticketIds)
            .update({ status: 'reserved', owner_id: userId });
          const [order] = await trx('orders')
            .insert({
              tenant_id: tenantId,
              user_id: userId,
              total_cents: Number(type.price_cents) * quantity,
              currency: type.currency,
              idempotency_key: idempotencyKey,
            })
            .returning('*');
          await trx('order_items').insert(
            ticketIds.map((ticketId) => ({ order_id: order.id, ticket_id: ticketId, unit_price_cents: type.price_cents })),
          );
          await trx('outbox').insert({
            tenant_id: tenantId,
            aggregate_type: 'order',
            aggregate_id: order.id,
            event_type: 'order.created',
            payload: { orderId: order.id, ticketIds },
          });
          return order;
        },
        { isolationLevel: 'serializable' },
      );
    } catch (err) {
      if (err.code === '40001' && attempt < MAX_ATTEMPTS) continue;
      if (err.code === '23505') return findOrderByKey(tenantId, idempotencyKey);
      throw err;
    }
  }
}

async function findOrderByKey(tenantId, idempotencyKey) {
  return db('orders').where({ tenant_id: tenantId, idempotency_key: idempotencyKey }).first();
}

/**
 * "Quick buy": holds the best available ticket of a type while the buyer pays.
 */
async function holdNextTicket({ tenantId, userId, ticketTypeId }) {
  return db.transaction(async (trx) => {
    // FLAW C015: FOR UPDATE without SKIP LOCKED: every quick buy of this ticket
    // type locks the same first available row and waits for the buyer ahead
    // of it; on an on-sale rush the buyers go through one at a time.
    const ticket = await trx('tickets')
      .where({ tenant_id: tenantId, ticket_type_id: ticketTypeId, status: 'available' })
      .orderBy('serial_number')
      .forUpdate()
      .first();
    if (!ticket) throw new SoldOutError(ticketTypeId);
    await trx('ticket_types').where({ tenant_id: tenantId, id: ticketTypeId }).increment('quantity_sold', 1);
    await trx('tickets').where({ tenant_id: tenantId, id: ticket.id }).update({ status: 'reserved', owner_id: userId });
    return ticket;
  });
}

/**
 * Charges a pending order.  Clients retry on timeouts with the same key.
 */
async function chargeOrder({ tenantId, orderId, paymentMethodId, idempotencyKey }) {
  // FLAW C016: the replay check runs before, and outside, the transaction that
  // records the payment: two retries in flight both find nothing and both go on.
  const previous = await db('payments').where({ tenant_id: tenantId, idempotency_key: idempotencyKey }).first();
  if (previous) return previous;

  const order = await db('orders').where({ tenant_id: tenantId, id: orderId, status: 'pending' }).first();
  if (!order) throw new NotFoundError('pending order');

  // OK: the card is charged before the transaction opens (guide 2.3), with
  // the same key, so Stripe charges once.
  const intent = await stripe.paymentIntents.create(
    { amount: Number(order.total_cents), currency: order.currency.toLowerCase(), payment_method: paymentMethodId, confirm: true },
    { idempotencyKey },
  );

  return db.transaction(async (trx) => {
    // FLAW C010: UNIQUE (tenant_id, idempotency_key): the second retry's insert
    // fails with 23505, and the client gets a 500 for a charge that went through.
    const [payment] = await trx('payments')
      .insert({
        tenant_id: tenantId,
        order_id: orderId,
        user_id: order.user_id,
        amount_cents: order.total_cents,
        currency: order.currency,
        status: 'captured',
        provider: 'stripe',
        provider_payment_id: intent.id,
        idempotency_key: idempotencyKey,
        captured_at: trx.fn.now(),
      })
      .returning('*');
    // OK: compare-and-set on the status, and the row count checked.
    const updated = await trx('orders')
      .where({ tenant_id: tenantId, id: orderId, status: 'pending' })
      .update({ status: 'paid', updated_at: trx.fn.now() });
    if (updated === 0) throw new ConflictError(`order ${orderId} is no longer pending`);
    await trx('outbox').insert({
      tenant_id: tenantId,
      aggregate_type: 'payment',
      aggregate_id: payment.id,
      event_type: 'payment.captured',
      payload: { paymentId: payment.id, orderId, amountCents: Number(order.total_cents) },
    });
    return payment;
  });
}

module.exports = { purchaseTickets, holdNextTicket, chargeOrder };
