const db = require('./db');

// Each gate deployment serves the venues of one tenant (see knexfile.js).
const TENANT_ID = process.env.GATE_TENANT_ID;

/**
 * Admits the holder of a scanned ticket; returns what the turnstile shows.
 */
async function admit({ serialNumber, gate, deviceId }) {
  // FLAW C011: no tenant_id condition: the lookup counts on the tenant that
  // the knexfile's afterCreate sets on every pooled session (K006).  Without
  // it (production sets none), a serial number from another tenant's event
  // is found and admitted here.
  const ticket = await db('tickets')
    .where({ serial_number: serialNumber.trim().toUpperCase() })
    .first('id', 'status');
  if (!ticket) return { result: 'rejected', reason: 'unknown ticket' };

  return db.transaction(async (trx) => {
    // OK: compare-and-set: of two gates scanning the same ticket at once, one
    // moves it from sold to used, the other updates nothing and logs a duplicate.
    const used = await trx('tickets')
      .where({ tenant_id: TENANT_ID, id: ticket.id, status: 'sold' })
      .update({ status: 'used' });
    let result = 'admitted';
    if (used === 0) result = ticket.status === 'used' ? 'duplicate' : 'rejected';
    await trx('ticket_scans').insert({ tenant_id: TENANT_ID, ticket_id: ticket.id, gate, device_id: deviceId, result });
    return { result };
  });
}

/**
 * A steward lets a ticket holder in by hand when the scanner cannot read the
 * ticket; manual admissions are recorded as scans only.
 */
async function manualAdmit({ ticketId, gate, stewardId }) {
  const previous = await db('ticket_scans')
    .where({ tenant_id: TENANT_ID, ticket_id: ticketId, result: 'admitted' })
    .first('id');
  if (previous) return { result: 'duplicate' };
  // FLAW C008: nothing in the schema stops a second admitted scan of a ticket:
  // two stewards at two gates both find none and both let the holder in.
  await db('ticket_scans').insert({
    tenant_id: TENANT_ID,
    ticket_id: ticketId,
    gate,
    device_id: `steward:${stewardId}`,
    result: 'admitted',
  });
  return { result: 'admitted' };
}

// OK: the tenant is in the condition.
async function scanHistory(ticketId) {
  return db('ticket_scans').where({ tenant_id: TENANT_ID, ticket_id: ticketId }).orderBy('scanned_at', 'desc');
}

/**
 * Uploads a scanner's offline log (scans made while the network was down).
 * OK: one batched insert, not one insert per scan.
 */
async function importOfflineLog({ deviceId, gate, entries }) {
  const rows = entries.map((e) => ({
    tenant_id: TENANT_ID,
    ticket_id: e.ticketId,
    gate,
    device_id: deviceId,
    result: e.result,
    scanned_at: e.scannedAt,
  }));
  await db.batchInsert('ticket_scans', rows, 500);
  return rows.length;
}

module.exports = { admit, manualAdmit, scanHistory, importOfflineLog };
