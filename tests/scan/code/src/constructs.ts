// What the code model records, one construct per function; the snapshot
// is tests/scan/code.model (dbaudit scan --print-code code).
import { Knex } from 'knex';
import db from './db';

const TABLE = 'tickets';
const FORMATS = { hour: 'YYYY-MM-DD HH24', day: 'YYYY-MM-DD' } as const;

export class TicketRepo {
  constructor(private readonly knex: Knex) {}

  // a transaction callback: reads, writes, an outer query, a try, a payment call
  async buy(ticketId: string, qty: number) {
    return this.knex.transaction(async (trx) => {
      const row = await trx('tickets').where({ id: ticketId }).first();
      await trx('tickets').where({ id: ticketId }).update({ available: row.available - qty });
      await this.knex('audit').insert({ ticket_id: ticketId });
      try {
        await trx('ledger').insert({ amount: qty });
      } catch (e) {
        console.log(e);
      }
      await stripe.paymentIntents.create({ amount: qty });
    });
  }

  // loops: for-of with an early exit, forEach(async), a counted loop
  async loops(ids: string[]) {
    for (const id of ids) {
      const t = await this.knex('tickets').where('id', id).first();
      if (t) return t;
    }
    ids.forEach(async (id) => {
      await db('tickets').where({ id }).del();
    });
    for (let i = 0; i < ids.length; i++) {
      await db('tickets').where('id', ids[i]).increment('available', 1);
    }
  }

  // raw SQL: interpolation, constants, placeholders, names
  async raw(ids: string[], column: string, precision: 'hour' | 'day', tenantId: string) {
    await db.raw(`SET app.current_tenant_id = '${tenantId}'`);
    await db.raw(`SELECT * FROM ${TABLE} WHERE id = ?`, [1]);
    await db.raw(`SELECT * FROM tickets WHERE id IN (${ids.map(() => '?').join(', ')})`, ids);
    await db.raw(`SELECT to_char(${column}, '${FORMATS[precision]}') FROM tickets`);
    await db('tickets').whereRaw('tenant_id = ?', [tenantId]).orderByRaw(`${column} desc`);
  }

  // TypeScript generics put the await inside the chain
  async generic(id: string) {
    const n = await db.knex.from<{ id: string }>('tickets').where({ id }).update({ available: 0 });
    if (n === 0) throw new Error('gone');
  }

  // transactions: config first, explicit, a parameter, locks
  async transactions(id: string, trx: Knex.Transaction) {
    await db.transaction({ isolationLevel: 'serializable' }, async (t) => { await t('tickets').select(); });
    const trx2 = await db.transaction();
    await trx2('tickets').where({ id }).forUpdate().skipLocked().first();
    await axios.post('http://example.test/hook');
    await trx2.commit();
    await trx('tickets').where({ id }).forNoKeyUpdate().first();
    await db('tickets').insert({ id }).onConflict('id').ignore();
    db('audit_log').insert({ id });
  }

  // arms: an if/else, and a where callback
  async arms(id: string, tenantId: string, archive: boolean) {
    if (archive) {
      await db('tickets').where({ id }).update({ deleted_at: db.fn.now() });
    } else {
      await db('tickets').where({ id }).del();
    }
    return db('tickets').where((qb) => qb.where('tenant_id', tenantId).orWhereNull('deleted_at'));
  }
}

// not Knex: another library's transaction, Drizzle, a Mongo collection
export async function others(tx: SanityTransaction, drizzle: Drizzle, mongo: MongoDb) {
  tx.delete('doc-1');
  await drizzle.select().from(users).where(eq(users.id, 1));
  await mongo.db('app').collection('tickets').find({});
}
