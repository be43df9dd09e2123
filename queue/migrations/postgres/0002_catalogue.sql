-- The procedures catalogue, PostgreSQL edition of ../0002_catalogue.sql (keep the two side by side).
-- Text is NFC. Unknown facts are stored as the text 'Đang cập nhật', never guessed.

CREATE TABLE catalogue_fields (
    code         TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    name_en      TEXT NOT NULL DEFAULT '',
    sort_order   INTEGER NOT NULL DEFAULT 0,
    service_code TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '',
    source       TEXT NOT NULL DEFAULT '',
    certainty    TEXT NOT NULL CHECK (certainty IN ('high', 'medium', 'low'))
);

CREATE TABLE catalogue_procedures (
    code             TEXT PRIMARY KEY,
    field_code       TEXT NOT NULL REFERENCES catalogue_fields(code) ON DELETE CASCADE,
    sort_order       INTEGER NOT NULL DEFAULT 0,
    name             TEXT NOT NULL,
    steps            JSONB NOT NULL DEFAULT '[]',
    processing_time  TEXT NOT NULL,
    time_kind        TEXT NOT NULL CHECK (time_kind IN ('unknown', 'same_day', 'working_days', 'days')),
    time_days        INTEGER CHECK ((time_kind IN ('working_days', 'days')) = (time_days IS NOT NULL)
                                    AND (time_days IS NULL OR time_days > 0)),
    fee              TEXT NOT NULL,
    fee_rule         TEXT NOT NULL DEFAULT '',
    submission_modes TEXT NOT NULL DEFAULT '',
    submission_note  TEXT NOT NULL DEFAULT '',
    portal_url       TEXT NOT NULL DEFAULT '',
    notes            TEXT NOT NULL DEFAULT '',
    source           TEXT NOT NULL,
    certainty        TEXT NOT NULL CHECK (certainty IN ('high', 'medium', 'low')),
    verified_on      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX catalogue_procedures_field ON catalogue_procedures(field_code, sort_order);

CREATE TABLE catalogue_documents (
    procedure_code TEXT NOT NULL REFERENCES catalogue_procedures(code) ON DELETE CASCADE,
    position       INTEGER NOT NULL CHECK (position > 0),
    name           TEXT NOT NULL,
    form           TEXT NOT NULL DEFAULT '',
    note           TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (procedure_code, position)
);

CREATE TABLE catalogue_legal_basis (
    procedure_code TEXT NOT NULL REFERENCES catalogue_procedures(code) ON DELETE CASCADE,
    position       INTEGER NOT NULL CHECK (position > 0),
    document       TEXT NOT NULL,
    articles       TEXT NOT NULL DEFAULT '',
    issued_on      TEXT NOT NULL DEFAULT '',
    effective_on   TEXT NOT NULL DEFAULT '',
    note           TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (procedure_code, position)
);

CREATE TABLE catalogue_synonyms (
    phrase      TEXT NOT NULL,
    target_kind TEXT NOT NULL CHECK (target_kind IN ('procedure', 'field')),
    target_code TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (phrase, target_kind, target_code)
);
