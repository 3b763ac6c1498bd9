-- The day a meeting was held can be corrected (`termly meetings --date`), logged like the
-- other corrections. SQLite cannot widen a CHECK in place: the log is copied into a table
-- that allows `date`, row for row, ids kept.
CREATE TABLE meeting_changes_v13 (
    id         INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    what       TEXT NOT NULL CHECK (what IN ('chair', 'attendee_added', 'attendee_removed', 'abandoned', 'date')),
    old_value  TEXT NOT NULL DEFAULT '',
    new_value  TEXT NOT NULL DEFAULT '',
    changed_at TEXT NOT NULL
);
INSERT INTO meeting_changes_v13 (id, meeting_id, what, old_value, new_value, changed_at)
    SELECT id, meeting_id, what, old_value, new_value, changed_at FROM meeting_changes;
DROP TABLE meeting_changes;
ALTER TABLE meeting_changes_v13 RENAME TO meeting_changes;
CREATE INDEX meeting_changes_by_meeting ON meeting_changes (meeting_id, id);
