const knex = require('../db').default;

// Express: is_local = false is the session-wide form of SET.
function tenantMiddleware() {
  return async (req, res, next) => {
    try {
      await knex.raw("SELECT set_config('app.current_tenant_id', ?, false)", [req.user.tenantId]);
      next();
    } catch (err) {
      next(err);
    }
  };
}

class TenantScope {
  constructor(db) {
    this.db = db;
  }

  async enter(tenantId) {
    await this.db.raw(`SET SESSION app.current_tenant_id = '${tenantId}'`);
  }
}

module.exports = { tenantMiddleware, TenantScope };
