import { Knex } from 'knex';
import knex from '../db';

// A deleted venue is still found, and new events can be booked into it.
export async function findVenue(tenantId: string, id: string) {
  return knex('venues').where({ tenant_id: tenantId, id }).first();
}

export async function listPricePlans(tenantId: string) {
  return knex('price_plans').where({ tenant_id: tenantId }).orderBy('name');
}

export class EventRepository {
  constructor(private readonly db: Knex) {}

  async upcoming(tenantId: string) {
    return this.db('events')
      .where({ tenant_id: tenantId })
      .andWhere('starts_at', '>', new Date())
      .orderBy('starts_at');
  }

  async countAtVenue(tenantId: string, venueId: string): Promise<number> {
    const [{ n }] = await this.db('events').where({ tenant_id: tenantId, venue_id: venueId }).count<{ n: string }[]>('* as n');
    return Number(n);
  }
}
