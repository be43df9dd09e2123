-- The link printed as the ticket's QR: /t/<token> on the office's public web page (motcua-web).
-- token: 128 random bits (libsodium), URL-safe base64; it names the ticket and nothing about the
-- citizen, and is honoured only on the ticket's business day. short_code: 10 characters typed from
-- under the QR (50 random bits; the web page limits attempts per address).
CREATE TABLE ticket_links (
    ticket_id    INTEGER PRIMARY KEY REFERENCES tickets(id),
    token        TEXT NOT NULL UNIQUE,
    short_code   TEXT NOT NULL UNIQUE,
    business_day TEXT NOT NULL,
    created_at   INTEGER NOT NULL
);
CREATE INDEX ticket_links_day ON ticket_links(business_day);
