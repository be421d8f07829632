const db = require('../db');
const { stripe, producer } = require('../clients');
const { ConflictError, NotFoundError } = require('../errors');

/**
 * A customer asks for a refund of one of their payments; support approves it.
 */
async function requestRefund({ tenantId, paymentId, userId, amountCents, reason }) {
  const payment = await db('payments').where({ tenant_id: tenantId, id: paymentId, user_id: userId }).first('id');
  if (!payment) throw new NotFoundError('payment');
  const [refund] = await db('refunds')
    .insert({ tenant_id: tenantId, payment_id: paymentId, amount_cents: amountCents, reason, requested_by: userId })
    .returning('*');
  // FLAW C004: a second write on the plain connection: the refund committed
  // on its own a statement ago; if this insert fails, the request exists and
  // support is never told about it.
  await db('outbox').insert({
    tenant_id: tenantId,
    aggregate_type: 'refund',
    aggregate_id: refund.id,
    event_type: 'refund.requested',
    payload: { refundId: refund.id, paymentId, amountCents },
  });
  return refund;
}

async function approveRefund({ tenantId, refundId }) {
  const refund = await db('refunds').where({ tenant_id: tenantId, id: refundId, status: 'requested' }).first();
  if (!refund) throw new NotFoundError('refund request');
  const payment = await db('payments').where({ tenant_id: tenantId, id: refund.payment_id }).first();

  // OK: the provider refund happens before the transaction opens; the key
  // makes a second approval of the same refund a no-op at Stripe.
  await stripe.refunds.create(
    { payment_intent: payment.provider_payment_id, amount: Number(refund.amount_cents) },
    { idempotencyKey: `refund:${refund.id}` },
  );

  await db.transaction(async (trx) => {
    const updated = await trx('refunds')
      .where({ tenant_id: tenantId, id: refundId, status: 'requested' })
      .update({ status: 'processed', processed_at: trx.fn.now() });
    if (updated === 0) throw new ConflictError(`refund ${refundId} was already handled`);
    await trx('payments').where({ tenant_id: tenantId, id: payment.id }).update({ status: 'refunded' });
  });

  // FLAW C018: published straight to Kafka after the commit, not written to
  // the outbox in the transaction: if the process dies or Kafka refuses, the
  // refund is processed and the ticket service never releases the tickets.
  await producer.send({
    topic: 'payments.refunds',
    messages: [
      {
        key: refund.id,
        value: JSON.stringify({ type: 'refund.processed', tenantId, refundId, paymentId: payment.id }),
      },
    ],
  });
}

module.exports = { requestRefund, approveRefund };
