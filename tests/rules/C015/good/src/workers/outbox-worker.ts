import { Knex } from 'knex';
import knex from '../db';

// Guide 3.2: FOR UPDATE SKIP LOCKED, each worker takes a different row.
export async function claimNextMessage(trx: Knex.Transaction) {
  return trx('outbox').where({ status: 'pending' }).orderBy('id').forUpdate().skipLocked().first();
}

export async function holdBestAvailable(ticketTypeId: string, userId: string) {
  return knex.transaction(async (trx) => {
    const [ticket] = await trx('tickets')
      .where({ ticket_type_id: ticketTypeId, status: 'available' })
      .orderBy('serial_number')
      .limit(1)
      .forUpdate()
      .skipLocked();
    if (!ticket) return null;
    await trx('tickets').where({ id: ticket.id }).update({ status: 'reserved', owner_id: userId });
    return ticket;
  });
}

export async function claimBatch(trx: Knex.Transaction) {
  return trx('outbox').where({ status: 'pending' }).orderBy('id').limit(100).forUpdate().skipLocked();
}

// One known order, not the next of a queue: read by id, then a
// compare-and-set on its status.
export async function payOrder(orderId: string, paymentId: string) {
  const order = await knex('orders').where({ id: orderId, status: 'pending' }).first();
  if (!order) throw new Error('order is not pending');
  const n = await knex('orders').where({ id: orderId, status: 'pending' }).update({ status: 'paid', payment_id: paymentId });
  if (n === 0) throw new Error('order was paid concurrently');
  return order;
}

export class ExportWorker {
  constructor(private readonly db: Knex) {}

  async next() {
    return this.db.transaction(async (trx) => {
      const job = await trx('export_jobs')
        .where({ status: 'queued' })
        .orderBy('created_at')
        .forUpdate()
        .skipLocked()
        .first();
      if (!job) return null;
      await trx('export_jobs').where({ id: job.id }).update({ status: 'running', started_at: trx.fn.now() });
      return job;
    });
  }

  // A lock on one known row is not a queue pick.
  async cancel(jobId: string) {
    return this.db.transaction(async (trx) => {
      const job = await trx('export_jobs').where({ id: jobId }).forUpdate().first();
      if (job?.status !== 'queued') return false;
      await trx('export_jobs').where({ id: jobId }).update({ status: 'cancelled' });
      return true;
    });
  }

  // Read only: the position of the next job, shown on a dashboard.
  async peek() {
    return this.db('export_jobs').where({ status: 'queued' }).orderBy('created_at').first('id', 'created_at');
  }
}
