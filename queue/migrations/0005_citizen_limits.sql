-- Per-citizen limits (issue 19). citizen: the keyed hash of the citizen's ID number (CitizenKey in
-- citizen_card.h: 64 hex digits), never the number, name, birth date or address; NULL when the
-- citizen was not identified. On tickets: whose number it is, for the limits. On events:
-- `limit_refused` (the kiosk refused a number) and `limit_lifted` (a supervisor lifted the limits
-- for that citizen for the rest of the day).
ALTER TABLE tickets ADD COLUMN citizen TEXT;
CREATE INDEX tickets_day_citizen ON tickets(business_day, citizen) WHERE citizen IS NOT NULL;
ALTER TABLE events ADD COLUMN citizen TEXT;
CREATE INDEX events_citizen ON events(citizen, kind) WHERE citizen IS NOT NULL;
