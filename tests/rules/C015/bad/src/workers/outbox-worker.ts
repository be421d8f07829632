import { Knex } from 'knex';
import knex from '../db';

// Every worker locks the same oldest row and waits for the one holding it:
// the workers run one at a time.
export async function claimNextMessage(trx: Knex.Transaction) {
  return trx('outbox').where({ status: 'pending' }).orderBy('id').forUpdate().first();
}

export async function holdBestAvailable(ticketTypeId: string, userId: string) {
  return knex.transaction(async (trx) => {
    const [ticket] = await trx('tickets')
      .where({ ticket_type_id: ticketTypeId, status: 'available' })
      .orderBy('serial_number')
      .limit(1)
      .forUpdate();
    if (!ticket) return null;
    await trx('tickets').where({ id: ticket.id }).update({ status: 'reserved', owner_id: userId });
    return ticket;
  });
}

export class ExportWorker {
  constructor(private readonly db: Knex) {}

  // No lock at all: two workers read the same queued job and both run it.
  async next() {
    const job = await this.db('export_jobs').where({ status: 'queued' }).orderBy('created_at').first();
    if (!job) return null;
    await this.db('export_jobs').where({ id: job.id }).update({ status: 'running', started_at: this.db.fn.now() });
    return job;
  }
}
