-- termly schema, version 1. Migrations are forward only: add a new V<n>__name.sql file,
-- never edit one that has shipped.

CREATE TABLE schools (
    urn                INTEGER PRIMARY KEY,
    name               TEXT NOT NULL,
    phase              TEXT NOT NULL,
    establishment_type TEXT NOT NULL,
    maintained         INTEGER NOT NULL CHECK (maintained IN (0, 1)),
    pupils             INTEGER,
    headteacher        TEXT,
    la_code            TEXT,
    sip                TEXT,
    lama               TEXT
);

CREATE TABLE inspections (
    id               INTEGER PRIMARY KEY,
    urn              INTEGER NOT NULL REFERENCES schools(urn),
    date             TEXT NOT NULL,            -- yyyy-mm-dd
    kind             TEXT NOT NULL CHECK (kind IN ('legacy', 'report_card')),
    grade            INTEGER,                  -- legacy: 1..4
    concern          TEXT,                     -- legacy: serious_weaknesses | special_measures
    areas            TEXT,                     -- report card: "area=grade;area=grade"
    safeguarding_met INTEGER,                  -- report card: 0 | 1
    UNIQUE (urn, date)
);

-- Append-only history of support categories: the current category is the latest row.
CREATE TABLE category_history (
    id          INTEGER PRIMARY KEY,
    urn         INTEGER NOT NULL REFERENCES schools(urn),
    category    TEXT NOT NULL,
    since       TEXT NOT NULL,                 -- yyyy-mm-dd
    decision_id INTEGER REFERENCES decisions(id),
    recorded_at TEXT NOT NULL
);
CREATE INDEX category_history_by_school ON category_history (urn, id);

CREATE TABLE scores (
    term    TEXT NOT NULL,                     -- 2025-26-autumn
    team    TEXT NOT NULL,
    urn     INTEGER NOT NULL REFERENCES schools(urn),
    score   INTEGER,                           -- NULL when the team sent indicators only
    comment TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (term, team, urn)
) WITHOUT ROWID;
CREATE INDEX scores_by_school ON scores (urn, term);

CREATE TABLE indicators (
    term  TEXT NOT NULL,
    team  TEXT NOT NULL,
    urn   INTEGER NOT NULL,
    name  TEXT NOT NULL,
    value REAL NOT NULL,
    PRIMARY KEY (term, team, urn, name)
) WITHOUT ROWID;

-- One row per file imported: re-importing an unchanged file is a no-op.
CREATE TABLE imports (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,                 -- register | support | inspections | scores
    term        TEXT,
    team        TEXT,
    file        TEXT NOT NULL,
    hash        TEXT NOT NULL,                 -- sha256 of the file's bytes
    rows        INTEGER NOT NULL,
    imported_at TEXT NOT NULL
);
CREATE INDEX imports_by_target ON imports (kind, term, team, id);

CREATE TABLE meetings (
    id        INTEGER PRIMARY KEY,
    term      TEXT NOT NULL,
    date      TEXT NOT NULL,
    chair     TEXT NOT NULL,
    attendees TEXT NOT NULL DEFAULT '',        -- one per line
    opened_at TEXT NOT NULL,
    closed_at TEXT
);

CREATE TABLE agenda_items (
    id         INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    urn        INTEGER NOT NULL REFERENCES schools(urn),
    reason     TEXT NOT NULL,
    added_at   TEXT NOT NULL
);

CREATE TABLE decisions (
    id             INTEGER PRIMARY KEY,
    meeting_id     INTEGER NOT NULL REFERENCES meetings(id),
    urn            INTEGER NOT NULL REFERENCES schools(urn),
    kind           TEXT NOT NULL CHECK (kind IN ('recategorise', 'confirm', 'defer', 'note', 'revoke')),
    from_category  TEXT,
    to_category    TEXT,
    rationale      TEXT NOT NULL,
    actions        TEXT NOT NULL DEFAULT '',
    owner          TEXT NOT NULL DEFAULT '',
    due            TEXT,
    recorded_by    TEXT NOT NULL,
    recorded_at    TEXT NOT NULL,
    revokes        INTEGER REFERENCES decisions(id),
    policy_reasons TEXT NOT NULL DEFAULT ''
);
CREATE INDEX decisions_by_meeting ON decisions (meeting_id, id);
CREATE INDEX decisions_by_school ON decisions (urn, id);

-- Decisions are the official record: the database itself refuses to change or remove one.
CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions
BEGIN
    SELECT RAISE(ABORT, 'decisions are append-only: record a revoking decision instead');
END;
CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
BEGIN
    SELECT RAISE(ABORT, 'decisions are append-only: record a revoking decision instead');
END;
