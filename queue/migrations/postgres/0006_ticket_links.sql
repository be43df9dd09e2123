-- PostgreSQL edition of ../0006_ticket_links.sql.
CREATE TABLE ticket_links (
    ticket_id    BIGINT PRIMARY KEY REFERENCES tickets(id),
    token        TEXT NOT NULL UNIQUE,
    short_code   TEXT NOT NULL UNIQUE,
    business_day TEXT NOT NULL,
    created_at   BIGINT NOT NULL
);
CREATE INDEX ticket_links_day ON ticket_links(business_day);
