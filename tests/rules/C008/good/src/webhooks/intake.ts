import knex from '../db';

// users has UNIQUE (tenant_id, email): the database settles the race (what
// the caller does with the 23505 is another rule's business).
export async function invite(tenantId: string, email: string, id: string) {
  const existing = await knex('users').where({ tenant_id: tenantId, email }).first();
  if (existing) return existing.id;
  await knex('users').insert({ id, tenant_id: tenantId, email });
  return id;
}

// The unique index is created in raw SQL: it covers (promo_code_id, user_id).
export async function redeem(promoCodeId: string, userId: string) {
  const used = await knex('promo_redemptions').where({ promo_code_id: promoCodeId, user_id: userId }).first();
  if (used) throw new Error('already redeemed');
  await knex('promo_redemptions').insert({ promo_code_id: promoCodeId, user_id: userId });
}

// The check is on one table, the insert into another.
export async function recordWebhook(provider: string, eventId: string, payload: object) {
  const known = await knex('users').where({ id: eventId }).first();
  if (!known) {
    await knex('webhook_events').insert({ provider, provider_event_id: eventId, payload });
  }
}

// Found or not, the row is updated, never inserted.
export async function touchFavourite(userId: string, eventId: string) {
  const fav = await knex('favourites').where({ user_id: userId, event_id: eventId }).first();
  if (!fav) return false;
  await knex('favourites').where({ id: fav.id }).update({ touched_at: knex.fn.now() });
  return true;
}
