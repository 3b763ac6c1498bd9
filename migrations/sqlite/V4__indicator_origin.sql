-- A team's indicators for a term may come from several files: its own scores file
-- (origin '') and named sources such as the DfE absence file (origin 'source:<name>').
-- Re-importing one file replaces only the indicators that file gave.
ALTER TABLE indicators ADD COLUMN origin TEXT NOT NULL DEFAULT '';
