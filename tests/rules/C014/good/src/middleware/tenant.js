const knex = require('../db').default;

// Express: the request gets a function that opens a tenant-bound transaction.
function tenantMiddleware() {
  return (req, res, next) => {
    req.inTenant = (work) =>
      knex.transaction(async (trx) => {
        await trx.raw("SELECT set_config('app.current_tenant_id', ?, true)", [req.user.tenantId]);
        return work(trx);
      });
    next();
  };
}

module.exports = { tenantMiddleware };
