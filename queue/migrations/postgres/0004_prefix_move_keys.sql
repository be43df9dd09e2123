-- PostgreSQL edition of ../0004_prefix_move_keys.sql (has_pin is STORED here: PostgreSQL 15 has no
-- virtual generated columns).
-- Numbers are unique per prefix per day, whichever service issued them (a service that takes over a
-- retired service's prefix continues its numbering). Tickets from before this version keep ''.
ALTER TABLE tickets ADD COLUMN prefix TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX tickets_day_prefix_seq ON tickets(business_day, prefix, seq) WHERE prefix <> '';

-- The idempotency key of the move that appended an event: a move retried after its COMMIT's outcome
-- was lost is found by its key and never applied twice.
ALTER TABLE events ADD COLUMN move_key TEXT;
CREATE UNIQUE INDEX events_move_key ON events(move_key) WHERE move_key IS NOT NULL;

-- Whether an officer has a PIN, readable by programs that may not read PIN hashes (the kiosk's
-- role). Derived from pin_hash by the database itself.
ALTER TABLE staff ADD COLUMN has_pin INTEGER GENERATED ALWAYS AS (CASE WHEN pin_hash <> '' THEN 1 ELSE 0 END) STORED;

-- PostgreSQL only: a supervisor's PIN hash for the kiosk's maintenance screen, whose role may not
-- read staff.pin_hash. Officers' hashes never leave the table this way. Runs as its owner.
CREATE FUNCTION supervisor_pin_hash(staff_login TEXT) RETURNS TEXT
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = motcua, pg_temp AS $$
    SELECT pin_hash FROM staff WHERE login = staff_login AND active = 1 AND role <> 'officer' AND pin_hash <> ''
$$;
REVOKE ALL ON FUNCTION supervisor_pin_hash(TEXT) FROM PUBLIC;
