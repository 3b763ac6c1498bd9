-- The screen gives each decision form a request id and sends the same one on every retry,
-- so a retry after a commit whose outcome was lost finds the decision already saved
-- instead of recording it twice. Decisions recorded without one (the command line, and
-- everything before this migration) leave it empty; the index binds only the ids given.
ALTER TABLE decisions ADD COLUMN request_id TEXT;
CREATE UNIQUE INDEX decisions_by_request ON decisions (request_id) WHERE request_id IS NOT NULL;
