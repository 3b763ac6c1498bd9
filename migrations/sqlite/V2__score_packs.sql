-- Packed copies of each (term, team)'s scores and indicators, so loading 24,000 schools ×
-- 8 teams × 12 terms reads ~100 blobs instead of ~3 million rows. The scores and
-- indicators tables stay the source of truth: any write to them marks the (term, team)
-- stale (triggers below), the loader then reads that pair's rows instead of its pack, and
-- the next import rebuilds the pack.
CREATE TABLE score_packs (
    id              INTEGER PRIMARY KEY,
    term            TEXT NOT NULL,
    team            TEXT NOT NULL,
    urns            BLOB NOT NULL,             -- u32 little-endian, ascending
    scores          BLOB NOT NULL,             -- one byte per urn; 255 = no score
    indicator_names TEXT NOT NULL,             -- sorted, one per line
    indicators      BLOB NOT NULL,             -- (urn u32, name index u16, value f64) LE, by (urn, name)
    UNIQUE (term, team)
);

CREATE TABLE score_packs_stale (
    term TEXT NOT NULL,
    team TEXT NOT NULL,
    PRIMARY KEY (term, team)
) WITHOUT ROWID;

INSERT OR IGNORE INTO score_packs_stale (term, team) SELECT DISTINCT term, team FROM scores;
INSERT OR IGNORE INTO score_packs_stale (term, team) SELECT DISTINCT term, team FROM indicators;

CREATE TRIGGER scores_stale_insert AFTER INSERT ON scores BEGIN
    INSERT OR IGNORE INTO score_packs_stale (term, team) VALUES (NEW.term, NEW.team);
END;
CREATE TRIGGER scores_stale_update AFTER UPDATE ON scores BEGIN
    INSERT OR IGNORE INTO score_packs_stale (term, team) VALUES (OLD.term, OLD.team), (NEW.term, NEW.team);
END;
CREATE TRIGGER scores_stale_delete AFTER DELETE ON scores BEGIN
    INSERT OR IGNORE INTO score_packs_stale (term, team) VALUES (OLD.term, OLD.team);
END;
CREATE TRIGGER indicators_stale_insert AFTER INSERT ON indicators BEGIN
    INSERT OR IGNORE INTO score_packs_stale (term, team) VALUES (NEW.term, NEW.team);
END;
CREATE TRIGGER indicators_stale_update AFTER UPDATE ON indicators BEGIN
    INSERT OR IGNORE INTO score_packs_stale (term, team) VALUES (OLD.term, OLD.team), (NEW.term, NEW.team);
END;
CREATE TRIGGER indicators_stale_delete AFTER DELETE ON indicators BEGIN
    INSERT OR IGNORE INTO score_packs_stale (term, team) VALUES (OLD.term, OLD.team);
END;
