-- A meeting opened by mistake is abandoned, never deleted: it keeps its row, is no longer
-- resumed and is no longer "latest". Corrections to who chaired and who attended are
-- recorded one by one, with their time.
ALTER TABLE meetings ADD COLUMN abandoned_at TEXT;

CREATE TABLE meeting_changes (
    id         INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    what       TEXT NOT NULL CHECK (what IN ('chair', 'attendee_added', 'attendee_removed', 'abandoned')),
    old_value  TEXT NOT NULL DEFAULT '',
    new_value  TEXT NOT NULL DEFAULT '',
    changed_at TEXT NOT NULL
);
CREATE INDEX meeting_changes_by_meeting ON meeting_changes (meeting_id, id);
