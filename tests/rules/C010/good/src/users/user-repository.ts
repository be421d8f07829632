import knex from '../db';

export class EmailTakenError extends Error {}

// Guide 2.7: the insert, and the unique violation turned into a domain error.
export async function createUser(tenantId: string, email: string) {
  try {
    const [user] = await knex('users').insert({ tenant_id: tenantId, email }).returning('*');
    return user;
  } catch (err) {
    if ((err as { code?: string }).code === '23505') {
      throw new EmailTakenError(email);
    }
    throw err;
  }
}

// ON CONFLICT DO NOTHING: an invitation sent twice is one user.
export async function inviteUser(tenantId: string, email: string) {
  await knex('users').insert({ tenant_id: tenantId, email }).onConflict(['tenant_id', 'email']).ignore();
}

// No unique key but the primary key.
export async function audit(tenantId: string, what: string) {
  await knex('audit_events').insert({ tenant_id: tenantId, what });
}
