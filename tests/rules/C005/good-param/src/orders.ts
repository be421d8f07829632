import { Knex } from 'knex';
import knex from './db';

// Runs on the transaction it is handed.
export async function createOrder(data: { tenantId: string; total: number }, trx: Knex.Transaction) {
  const [order] = await trx('orders').insert({ tenant_id: data.tenantId, total_cents: data.total }).returning('*');
  return order;
}

// Optional: the pool when no transaction is passed.
export async function findOrder(id: string, trx?: Knex.Transaction) {
  const db = trx ?? knex;
  return db('orders').where({ id }).first();
}

// A variable computed from the transaction is the transaction.
export async function cancelOrder(id: string, trx: Knex.Transaction) {
  const db = trx;
  await db('orders').where({ id }).update({ status: 'cancelled' });
}
