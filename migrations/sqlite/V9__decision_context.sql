-- What the council needs to defend a decision, kept beside it: how it departs from the
-- policy's suggestion (the reason is the decision's rationale), and which earlier decision
-- of the same meeting it supersedes, and the capacities it took over what the service has. Written in the decision's own transaction; like
-- decisions, never changed or removed.
CREATE TABLE decision_context (
    decision_id INTEGER PRIMARY KEY REFERENCES decisions(id),
    departure   TEXT NOT NULL DEFAULT '',
    supersedes  INTEGER REFERENCES decisions(id),
    over_capacity TEXT NOT NULL DEFAULT ''
);

CREATE TRIGGER decision_context_no_update BEFORE UPDATE ON decision_context
BEGIN
    SELECT RAISE(ABORT, 'decisions are append-only: record a revoking decision instead');
END;
CREATE TRIGGER decision_context_no_delete BEFORE DELETE ON decision_context
BEGIN
    SELECT RAISE(ABORT, 'decisions are append-only: record a revoking decision instead');
END;
