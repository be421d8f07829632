// The gate scanners' offline logs are bulk-loaded into ticket_scans; the
// import ran faster without triggers.  Schema flaw S008 (see schema.sql):
// nothing enabled them again, so both foreign keys of ticket_scans are no
// longer checked.  (DISABLE TRIGGER ALL touches the internal foreign-key
// triggers: it needs a superuser.)
exports.up = function (knex) {
  return knex.schema.raw('ALTER TABLE ticket_scans DISABLE TRIGGER ALL');
};

// FLAW M002: no rollback: down only throws (Knex refuses a migration without
// a down function, so this is what a missing down looks like), and the
// triggers can never be turned back on by a rollback.
exports.down = function () {
  throw new Error('20240901020000_prepare_offline_scan_import cannot be rolled back');
};
