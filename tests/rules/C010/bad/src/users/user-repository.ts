import knex from '../db';

// A second sign-up with the same address is a 500, not a "this e-mail is taken".
export async function createUser(tenantId: string, email: string) {
  const [user] = await knex('users').insert({ tenant_id: tenantId, email }).returning('*');
  return user;
}
