import { Knex } from 'knex';
import knex from '../db';

// Providers retry deliveries: two deliveries of one event, processed at
// once, both find nothing and both insert (no unique key on the pair).
export async function recordWebhook(provider: string, eventId: string, payload: object) {
  const seen = await knex('webhook_events')
    .where({ provider, provider_event_id: eventId })
    .first('id');
  if (!seen) {
    await knex('webhook_events').insert({ provider, provider_event_id: eventId, payload });
  }
}

export async function favourite(trx: Knex.Transaction, userId: string, eventId: string) {
  const rows = await trx('favourites').select('id').where({ user_id: userId, event_id: eventId });
  if (rows.length === 0) {
    await trx('favourites').insert({ user_id: userId, event_id: eventId });
  }
}

// The unique key is (tenant_id, user_id); the check is on the e-mail: the
// database does not arbitrate this one.
export async function subscribe(tenantId: string, email: string) {
  const existing = await knex('newsletter_subscribers').where({ tenant_id: tenantId, email }).first();
  if (existing) return existing;
  const [row] = await knex('newsletter_subscribers').insert({ tenant_id: tenantId, email }).returning('*');
  return row;
}
