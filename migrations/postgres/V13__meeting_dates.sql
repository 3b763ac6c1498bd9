-- The day a meeting was held can be corrected (`termly meetings --date`), logged like the
-- other corrections.
ALTER TABLE meeting_changes DROP CONSTRAINT meeting_changes_what_check;
ALTER TABLE meeting_changes ADD CONSTRAINT meeting_changes_what_check
    CHECK (what IN ('chair', 'attendee_added', 'attendee_removed', 'abandoned', 'date'));
