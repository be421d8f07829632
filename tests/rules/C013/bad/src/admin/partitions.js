const knex = require('../db').default;

// The month comes from an admin form.
async function addScanPartition(month, from, to) {
  await knex.schema.raw(
    `CREATE TABLE ticket_scans_${month} PARTITION OF ticket_scans FOR VALUES FROM ('${from}') TO ('${to}')`,
  );
}

module.exports = { addScanPartition };
