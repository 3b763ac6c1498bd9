-- The detail pane reads one school's indicators (WHERE urn = ?): without this index that
-- scans every term's indicators (0.9 million rows at 24,000 schools × 12 terms).
CREATE INDEX indicators_by_school ON indicators (urn, term);
