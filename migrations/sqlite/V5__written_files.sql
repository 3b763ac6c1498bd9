-- What termly last wrote at each path (minutes), so an export can tell a file a clerk has
-- since edited and write beside it instead of over it.
CREATE TABLE written_files (
    path       TEXT PRIMARY KEY,               -- absolute
    sha256     TEXT NOT NULL,                  -- of the bytes termly wrote
    written_at TEXT NOT NULL
);
