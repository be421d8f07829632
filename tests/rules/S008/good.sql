-- S008: foreign keys whose triggers are enabled; user triggers may be off.
CREATE TABLE tenants (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL
);
CREATE TABLE events (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    name text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE tickets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    event_id uuid NOT NULL REFERENCES events (id),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END $$;
CREATE TRIGGER tickets_touch BEFORE UPDATE ON tickets FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE TRIGGER events_touch BEFORE UPDATE ON events FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
-- User triggers off for a backfill: the foreign keys still hold.
ALTER TABLE tickets DISABLE TRIGGER USER;
ALTER TABLE events DISABLE TRIGGER events_touch;
-- A bulk load that switched everything off and back on.
CREATE TABLE resale_listings (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    ticket_id uuid NOT NULL REFERENCES tickets (id)
);
ALTER TABLE resale_listings DISABLE TRIGGER ALL;
ALTER TABLE resale_listings ENABLE TRIGGER ALL;
-- Hostile names.
CREATE TABLE "Ticket ""Scans""" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "Event é" uuid NOT NULL,
    CONSTRAINT "scan ""event"" fk" FOREIGN KEY ("Event é") REFERENCES events (id)
);
