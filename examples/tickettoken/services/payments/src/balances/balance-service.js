const db = require('../db');
const { ConflictError, InsufficientFundsError } = require('../errors');

const MAX_ATTEMPTS = 3;

/**
 * Credits a user's balance in the caller's transaction and writes the ledger
 * entry.  OK: ON CONFLICT creates the balance on the first credit, the
 * increment is done by the database, and the new balance comes back for the
 * ledger.
 */
async function credit(trx, { tenantId, userId, currency, amountCents, paymentId = null, description }) {
  await trx('user_balances')
    .insert({ tenant_id: tenantId, user_id: userId, currency })
    .onConflict(['user_id', 'currency'])
    .ignore();
  const [balance] = await trx('user_balances')
    .where({ tenant_id: tenantId, user_id: userId, currency })
    .update({ balance_cents: trx.raw('balance_cents + ?', [amountCents]), updated_at: trx.fn.now() })
    .returning(['id', 'balance_cents']);
  await trx('ledger_entries').insert({
    tenant_id: tenantId,
    user_balance_id: balance.id,
    payment_id: paymentId,
    entry_type: 'credit',
    amount_cents: amountCents,
    balance_after_cents: balance.balance_cents,
    description,
  });
  return balance;
}

/**
 * Pays from the balance in the caller's transaction (checkout with credit).
 * OK: optimistic locking: the update applies only to the version that was
 * read, and a lost race is reported to the caller, which retries.
 */
async function debit(trx, { tenantId, userId, currency, amountCents, paymentId, description }) {
  const balance = await trx('user_balances').where({ tenant_id: tenantId, user_id: userId, currency }).first();
  if (!balance || Number(balance.balance_cents) < amountCents) throw new InsufficientFundsError();
  const after = Number(balance.balance_cents) - amountCents;
  const updated = await trx('user_balances')
    .where({ tenant_id: tenantId, id: balance.id, version: balance.version })
    .update({ balance_cents: after, version: balance.version + 1, updated_at: trx.fn.now() });
  if (updated === 0) throw new ConflictError('balance changed concurrently, retry');
  await trx('ledger_entries').insert({
    tenant_id: tenantId,
    user_balance_id: balance.id,
    payment_id: paymentId,
    entry_type: 'debit',
    amount_cents: amountCents,
    balance_after_cents: after,
    description,
  });
  return after;
}

/**
 * Spends loyalty credit at the merchandise stands.
 */
async function redeemLoyaltyCredit({ tenantId, userId, currency, amountCents }) {
  const balance = await db('user_balances').where({ tenant_id: tenantId, user_id: userId, currency }).first();
  if (!balance || Number(balance.balance_cents) < amountCents) throw new InsufficientFundsError();
  // FLAW C003: the new balance is computed from the row read above, with no
  // lock and no version check: two redemptions at two stands both pass the
  // check and one of them is lost (guide 2.2, double-spent loyalty points).
  await db('user_balances')
    .where({ tenant_id: tenantId, id: balance.id })
    .update({ balance_cents: Number(balance.balance_cents) - amountCents, updated_at: db.fn.now() });
  return Number(balance.balance_cents) - amountCents;
}

/**
 * Sends credit to another user of the tenant.
 */
async function transferBalance({ tenantId, fromUserId, toUserId, currency, amountCents }) {
  // FLAW C009: a balance transfer at READ COMMITTED whose balance check reads
  // an unlocked row (guide 3.3: lock the user row before the balance check):
  // two transfers at once both pass it, and the second fails on the CHECK
  // constraint with a 500 instead of "insufficient balance".
  return db.transaction(async (trx) => {
    const from = await trx('user_balances')
      .where({ tenant_id: tenantId, user_id: fromUserId, currency })
      .first();
    if (!from || Number(from.balance_cents) < amountCents) throw new InsufficientFundsError();
    const [debited] = await trx('user_balances')
      .where({ tenant_id: tenantId, id: from.id })
      .update({ balance_cents: trx.raw('balance_cents - ?', [amountCents]), updated_at: trx.fn.now() })
      .returning(['id', 'balance_cents']);
    await trx('ledger_entries').insert({
      tenant_id: tenantId,
      user_balance_id: debited.id,
      entry_type: 'debit',
      amount_cents: amountCents,
      balance_after_cents: debited.balance_cents,
      description: `transfer to ${toUserId}`,
    });
    await credit(trx, { tenantId, userId: toUserId, currency, amountCents, description: `transfer from ${fromUserId}` });
  });
}

/**
 * Pays a balance out to the user's bank account; the bank connector picks the
 * request up from the outbox.
 */
async function withdraw({ tenantId, userId, currency, amountCents }) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      // FLAW C019: copied from the guide (1.2): Knex takes the handler first
      // and the config second.  With the config first the call rejects with
      // "container is not a function" before the handler runs: no withdrawal
      // has ever gone through.
      return await db.transaction({ isolationLevel: 'serializable' }, async (trx) => {
        const balance = await trx('user_balances')
          .where({ tenant_id: tenantId, user_id: userId, currency })
          .forUpdate()
          .first();
        if (!balance || Number(balance.balance_cents) < amountCents) throw new InsufficientFundsError();
        // OK: the row is locked, so the balance read above is still the balance.
        const after = Number(balance.balance_cents) - amountCents;
        await trx('user_balances')
          .where({ tenant_id: tenantId, id: balance.id })
          .update({ balance_cents: after, updated_at: trx.fn.now() });
        await trx('ledger_entries').insert({
          tenant_id: tenantId,
          user_balance_id: balance.id,
          entry_type: 'debit',
          amount_cents: amountCents,
          balance_after_cents: after,
          description: 'withdrawal',
        });
        await trx('outbox').insert({
          tenant_id: tenantId,
          aggregate_type: 'user_balance',
          aggregate_id: balance.id,
          event_type: 'balance.withdrawal_requested',
          payload: { userId, currency, amountCents },
        });
        return after;
      });
    } catch (err) {
      if (err.code === '40001' && attempt < MAX_ATTEMPTS) continue;
      throw err;
    }
  }
}

module.exports = { credit, debit, redeemLoyaltyCredit, transferBalance, withdraw };
