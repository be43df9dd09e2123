-- Core queue schema. Times are Unix milliseconds (UTC); business_day is the office's local date
-- 'YYYY-MM-DD'. Ticket rows hold current state; the events table is the history reports read.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE services (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    name_en    TEXT NOT NULL DEFAULT '',
    prefix     TEXT NOT NULL UNIQUE,
    daily_cap  INTEGER CHECK (daily_cap IS NULL OR daily_cap > 0),
    ticket_note TEXT NOT NULL DEFAULT '',                     -- printed on this service's tickets
    sort_order INTEGER NOT NULL DEFAULT 0,
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE counters (
    id     INTEGER PRIMARY KEY,
    number INTEGER NOT NULL UNIQUE CHECK (number > 0),
    name   TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE counter_services (
    counter_id INTEGER NOT NULL REFERENCES counters(id) ON DELETE CASCADE,
    service_id INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
    PRIMARY KEY (counter_id, service_id)
) WITHOUT ROWID;

CREATE TABLE staff (
    id       INTEGER PRIMARY KEY,
    login    TEXT NOT NULL UNIQUE,
    name     TEXT NOT NULL,
    role     TEXT NOT NULL CHECK (role IN ('officer', 'supervisor', 'admin')),
    pin_hash TEXT NOT NULL DEFAULT '',
    active   INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE priority_categories (
    code       TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    name_en    TEXT NOT NULL DEFAULT '',
    sort_order INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE tickets (
    id             INTEGER PRIMARY KEY,
    service_id     INTEGER NOT NULL REFERENCES services(id),   -- the service that issued the number
    business_day   TEXT NOT NULL,
    seq            INTEGER NOT NULL CHECK (seq > 0),
    number         TEXT NOT NULL,                              -- prefix + zero-padded seq, e.g. A001
    priority       TEXT REFERENCES priority_categories(code),  -- NULL: normal
    cur_service_id INTEGER NOT NULL REFERENCES services(id),   -- changes on transfer
    state          TEXT NOT NULL CHECK (state IN
                     ('waiting', 'called', 'serving', 'done', 'noshow', 'held', 'cancelled', 'expired')),
    counter_id     INTEGER REFERENCES counters(id),
    staff_id       INTEGER REFERENCES staff(id),
    queue_key      INTEGER NOT NULL,                           -- FIFO order within a class
    recalls        INTEGER NOT NULL DEFAULT 0,
    leg            INTEGER NOT NULL DEFAULT 1,                 -- 1 + number of transfers
    issued_at      INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    UNIQUE (service_id, business_day, seq),
    UNIQUE (service_id, business_day, number),
    CHECK ((state IN ('called', 'serving', 'held')) = (counter_id IS NOT NULL))
);
-- A counter holds at most one called or serving ticket.
CREATE UNIQUE INDEX tickets_one_active_per_counter ON tickets(counter_id) WHERE state IN ('called', 'serving');
CREATE INDEX tickets_waiting ON tickets(cur_service_id, state, queue_key);
CREATE INDEX tickets_day_number ON tickets(business_day, number);

CREATE TABLE events (
    id         INTEGER PRIMARY KEY,
    ticket_id  INTEGER REFERENCES tickets(id),
    kind       TEXT NOT NULL,
    at         INTEGER NOT NULL,
    counter_id INTEGER REFERENCES counters(id),
    staff_id   INTEGER REFERENCES staff(id),
    service_id INTEGER REFERENCES services(id),
    detail     TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail))
);
CREATE INDEX events_ticket ON events(ticket_id, id);
CREATE INDEX events_at ON events(at);
CREATE INDEX events_kind_service ON events(kind, service_id, id);
CREATE INDEX events_counter_kind ON events(counter_id, kind, id);
-- Open tickets, for closing earlier business days cheaply.
CREATE INDEX tickets_open ON tickets(business_day) WHERE state IN ('waiting', 'called', 'serving', 'held');
