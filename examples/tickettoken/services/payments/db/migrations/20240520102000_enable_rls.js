// Row level security on the payment tables: enabled, forced and bound to
// current_setting('app.current_tenant_id', true), except where marked.
exports.up = async function (knex) {
  // Schema flaw S017 (see schema.sql): enabled but not forced, so the owning
  // role the services connect as bypasses the policy.
  await knex.raw(`
    ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
    CREATE POLICY tenant_isolation ON orders
      USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid)
      WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true)::uuid);
  `);
  // OK: without a tenant_id of its own, order_items is isolated through its order.
  await knex.raw(`
    ALTER TABLE order_items ENABLE ROW LEVEL SECURITY;
    ALTER TABLE order_items FORCE ROW LEVEL SECURITY;
    CREATE POLICY tenant_isolation ON order_items
      USING (EXISTS (SELECT 1 FROM public.orders o
                     WHERE o.id = order_items.order_id
                       AND o.tenant_id = current_setting('app.current_tenant_id', true)::uuid));
  `);
  await knex.raw(`
    ALTER TABLE payments ENABLE ROW LEVEL SECURITY;
    ALTER TABLE payments FORCE ROW LEVEL SECURITY;
    CREATE POLICY tenant_isolation ON payments
      USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid)
      WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true)::uuid);
  `);
  await knex.raw(`
    ALTER TABLE refunds ENABLE ROW LEVEL SECURITY;
    ALTER TABLE refunds FORCE ROW LEVEL SECURITY;
    CREATE POLICY tenant_isolation ON refunds
      USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid)
      WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true)::uuid);
  `);
  await knex.raw(`
    ALTER TABLE user_balances ENABLE ROW LEVEL SECURITY;
    ALTER TABLE user_balances FORCE ROW LEVEL SECURITY;
    CREATE POLICY tenant_isolation ON user_balances
      USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid)
      WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true)::uuid);
  `);
};

exports.down = async function (knex) {
  await knex.raw(`
    DROP POLICY tenant_isolation ON user_balances;
    ALTER TABLE user_balances NO FORCE ROW LEVEL SECURITY;
    ALTER TABLE user_balances DISABLE ROW LEVEL SECURITY;
    DROP POLICY tenant_isolation ON refunds;
    ALTER TABLE refunds NO FORCE ROW LEVEL SECURITY;
    ALTER TABLE refunds DISABLE ROW LEVEL SECURITY;
    DROP POLICY tenant_isolation ON payments;
    ALTER TABLE payments NO FORCE ROW LEVEL SECURITY;
    ALTER TABLE payments DISABLE ROW LEVEL SECURITY;
    DROP POLICY tenant_isolation ON order_items;
    ALTER TABLE order_items NO FORCE ROW LEVEL SECURITY;
    ALTER TABLE order_items DISABLE ROW LEVEL SECURITY;
    DROP POLICY tenant_isolation ON orders;
    ALTER TABLE orders DISABLE ROW LEVEL SECURITY;
  `);
};
