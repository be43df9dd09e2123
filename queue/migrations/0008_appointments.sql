-- Appointments booked on motcua-web's /dat-lich (queue/appointments.h). A booking holds a slot of a
-- service on a business day; the kiosk checks it in by its code and issues a number that carries
-- the slot's start as due_at, which the call order serves first from that time on (README, "Call
-- order"). code: 10 characters of the short-code alphabet (50 random bits, as a ticket link's code),
-- typed at the kiosk or read from its QR. holder: the phone's random id from motcua-web's signed
-- cookie (for the per-phone limits); nothing about the citizen. state: booked, checked_in (ticket_id
-- set), expired (not checked in by the slot's end plus the grace), cancelled.
CREATE TABLE appointments (
    id           INTEGER PRIMARY KEY,
    code         TEXT NOT NULL UNIQUE,
    service_id   INTEGER NOT NULL REFERENCES services(id),
    business_day TEXT NOT NULL,
    start_minute INTEGER NOT NULL CHECK (start_minute >= 0 AND start_minute < 1440),
    end_minute   INTEGER NOT NULL CHECK (end_minute > start_minute AND end_minute <= 1440),
    starts_at    INTEGER NOT NULL,
    ends_at      INTEGER NOT NULL,
    holder       TEXT NOT NULL,
    state        TEXT NOT NULL DEFAULT 'booked'
                   CHECK (state IN ('booked', 'checked_in', 'expired', 'cancelled')),
    ticket_id    INTEGER UNIQUE REFERENCES tickets(id),
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    CHECK ((state = 'checked_in') = (ticket_id IS NOT NULL))
);
CREATE INDEX appointments_slot ON appointments(service_id, business_day, start_minute);
CREATE INDEX appointments_day ON appointments(business_day, starts_at);
CREATE INDEX appointments_holder ON appointments(holder, business_day);
-- A number issued at an appointment's check-in: the slot's start (ms since the epoch), from which
-- the call order serves it first. NULL for every other number.
ALTER TABLE tickets ADD COLUMN due_at INTEGER;
