import { Knex } from 'knex';

export class TicketRepository {
  constructor(private readonly db: Knex) {}

  // By id alone: any tenant's ticket id returns that tenant's ticket.
  async findById(id: string) {
    return this.db('tickets').where({ id }).first();
  }

  async forEvent(eventId: string) {
    return this.db('tickets').where('event_id', eventId).orderBy('id');
  }

  async voidEvent(eventId: string): Promise<number> {
    return this.db('tickets').where({ event_id: eventId }).del();
  }
}
