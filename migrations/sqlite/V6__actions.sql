-- Actions are records of their own: one row per action a decision or note set, and an
-- append-only list of status changes (open, done, dropped), each with its time and who.
CREATE TABLE actions (
    id          INTEGER PRIMARY KEY,
    decision_id INTEGER NOT NULL REFERENCES decisions(id),
    urn         INTEGER NOT NULL REFERENCES schools(urn),
    text        TEXT NOT NULL,
    owner       TEXT NOT NULL DEFAULT '',
    due         TEXT,                          -- yyyy-mm-dd
    created_at  TEXT NOT NULL
);
CREATE INDEX actions_by_school ON actions (urn, id);

CREATE TABLE action_events (
    id         INTEGER PRIMARY KEY,
    action_id  INTEGER NOT NULL REFERENCES actions(id),
    status     TEXT NOT NULL CHECK (status IN ('open', 'done', 'dropped')),
    -- carried forward: an 'open' event recorded in a later meeting's matters arising
    carried    INTEGER NOT NULL DEFAULT 0 CHECK (carried IN (0, 1)),
    note       TEXT NOT NULL DEFAULT '',
    meeting_id INTEGER REFERENCES meetings(id),
    by_whom    TEXT NOT NULL,
    at         TEXT NOT NULL
);
CREATE INDEX action_events_by_action ON action_events (action_id, id);

CREATE TRIGGER actions_no_update BEFORE UPDATE ON actions
BEGIN
    SELECT RAISE(ABORT, 'actions are append-only: record a status change instead');
END;
CREATE TRIGGER actions_no_delete BEFORE DELETE ON actions
BEGIN
    SELECT RAISE(ABORT, 'actions are append-only: record a status change instead');
END;
CREATE TRIGGER action_events_no_update BEFORE UPDATE ON action_events
BEGIN
    SELECT RAISE(ABORT, 'action history is append-only');
END;
CREATE TRIGGER action_events_no_delete BEFORE DELETE ON action_events
BEGIN
    SELECT RAISE(ABORT, 'action history is append-only');
END;

-- Decisions recorded before actions were records: each one's actions become one action,
-- open, or dropped when the decision was revoked. A deferral's date is its revisit date,
-- not the action's due date.
INSERT INTO actions (decision_id, urn, text, owner, due, created_at)
SELECT id, urn, actions, owner, CASE WHEN kind = 'defer' THEN NULL ELSE due END, recorded_at
FROM decisions
WHERE kind <> 'revoke' AND trim(actions) <> '';
INSERT INTO action_events (action_id, status, note, meeting_id, by_whom, at)
SELECT a.id,
       CASE WHEN r.id IS NULL THEN 'open' ELSE 'dropped' END,
       CASE WHEN r.id IS NULL THEN '' ELSE 'decision revoked' END,
       d.meeting_id, d.recorded_by, coalesce(r.recorded_at, d.recorded_at)
FROM actions a
JOIN decisions d ON d.id = a.decision_id
LEFT JOIN decisions r ON r.revokes = d.id;
