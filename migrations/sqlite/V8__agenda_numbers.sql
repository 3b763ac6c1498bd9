-- The agenda's numbers, fixed when a meeting opens so the printed papers, the screen and
-- a restarted screen agree. A school added later (by hand, or by a new import) takes the
-- next number; numbers are never reused or moved.
CREATE TABLE agenda_numbers (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    number     INTEGER NOT NULL CHECK (number > 0),
    urn        INTEGER NOT NULL REFERENCES schools(urn),
    PRIMARY KEY (meeting_id, number),
    UNIQUE (meeting_id, urn)
) WITHOUT ROWID;
