-- What the circulated minutes need beyond who chaired and attended: apologies and the date
-- of the next meeting. One row per meeting, written when either is set.
CREATE TABLE meeting_details (
    meeting_id   INTEGER PRIMARY KEY REFERENCES meetings(id),
    apologies    TEXT NOT NULL DEFAULT '',     -- one per line
    next_meeting TEXT,                         -- yyyy-mm-dd
    updated_at   TEXT NOT NULL
);
