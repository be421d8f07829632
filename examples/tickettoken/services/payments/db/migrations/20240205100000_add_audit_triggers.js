// Every change to a payment or a refund is written to audit.audit_log by
// audit.log_change() (created by the platform service).
exports.up = async function (knex) {
  await knex.raw(`
    CREATE TRIGGER payments_audit AFTER INSERT OR UPDATE OR DELETE ON payments
      FOR EACH ROW EXECUTE FUNCTION audit.log_change()
  `);
  await knex.raw(`
    CREATE TRIGGER refunds_audit AFTER INSERT OR UPDATE OR DELETE ON refunds
      FOR EACH ROW EXECUTE FUNCTION audit.log_change()
  `);
};

exports.down = async function (knex) {
  await knex.raw('DROP TRIGGER refunds_audit ON refunds');
  await knex.raw('DROP TRIGGER payments_audit ON payments');
};
