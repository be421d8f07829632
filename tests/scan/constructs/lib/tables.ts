// Table names shared by the application and its migrations.
export const TENANTS = 'tenants';
export const EVENT_TABLES = ['concerts', 'festivals'];
export const AUDIT_SCHEMA = 'audit';
