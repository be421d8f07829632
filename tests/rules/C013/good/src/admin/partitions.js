const knex = require('../db').default;

// A template literal without any ${...}: plain SQL text.
async function addIndex() {
  await knex.schema.raw(`
    CREATE INDEX CONCURRENTLY IF NOT EXISTS ticket_scans_scanned_at_idx
      ON ticket_scans (scanned_at)
  `);
}

async function scansBetween(from, to) {
  const { rows } = await knex.raw('SELECT * FROM ticket_scans WHERE scanned_at >= ? AND scanned_at < ?', [from, to]);
  return rows;
}

module.exports = { addIndex, scansBetween };
