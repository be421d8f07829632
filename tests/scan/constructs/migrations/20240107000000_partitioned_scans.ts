import type { Knex } from 'knex';

const TABLE = 'ticket_scans';
const PARTITIONS = 4;

function partition(i: number): string {
  return `${TABLE}_p${i}`;
}

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE ${TABLE} (
      ticket_id bigint NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
      scanned_at timestamptz NOT NULL,
      gate text NOT NULL CHECK (gate <> ''),
      PRIMARY KEY (ticket_id, scanned_at)
    ) PARTITION BY HASH (ticket_id)
  `);
  await knex.raw(`CREATE INDEX ${TABLE}_gate_idx ON ${TABLE} (gate)`);
  for (let i = 0; i < PARTITIONS; i++) {
    await knex.raw(`CREATE TABLE ${partition(i)} PARTITION OF ${TABLE} FOR VALUES WITH (MODULUS ${PARTITIONS}, REMAINDER ${i})`);
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable(TABLE);
}
