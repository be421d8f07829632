import { Knex } from 'knex';

export interface AuditEntry {
  tenantId: string;
  actorId: string | null;
  entityType: string;
  entityId: string;
  action: 'insert' | 'update' | 'delete';
  oldData?: object | null;
  newData?: object | null;
}

function toRow(entry: AuditEntry) {
  return {
    tenant_id: entry.tenantId,
    actor_id: entry.actorId,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    action: entry.action,
    old_data: entry.oldData ?? null,
    new_data: entry.newData ?? null,
  };
}

// OK: the entry is written in the caller's transaction, with the change it records.
export async function recordChangeIn(trx: Knex.Transaction, entry: AuditEntry): Promise<void> {
  await trx('audit.audit_log').insert(toRow(entry));
}

// Meant as fire-and-forget, so that requests do not wait for the audit log.
export function recordChange(db: Knex, entry: AuditEntry): void {
  // FLAW C017: a Knex builder runs only when it is awaited (or then()-ed):
  // this insert is built and dropped, and the audit log never gets the entry.
  db('audit.audit_log').insert(toRow(entry));
}
