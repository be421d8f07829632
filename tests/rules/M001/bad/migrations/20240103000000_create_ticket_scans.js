exports.up = async function (knex) {
  await knex.raw(`
    CREATE TABLE ticket_scans (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT,
      ticket_id uuid NOT NULL,
      scanned_at timestamptz NOT NULL DEFAULT now()
    );
    ALTER TABLE ticket_scans ADD CONSTRAINT ticket_scans_ticket_id_fkey
      FOREIGN KEY (ticket_id) REFERENCES tickets (id);
    CREATE INDEX ticket_scans_tenant_id_idx ON ticket_scans (tenant_id);
    CREATE INDEX ticket_scans_ticket_id_idx ON ticket_scans (ticket_id);
  `);
};

exports.down = async function (knex) {
  await knex.raw('DROP TABLE ticket_scans');
};
