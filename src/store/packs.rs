//! Score packs: one row per (term, team) holding that pair's scores and indicators as
//! blobs (see migrations/V2__score_packs.sql). Loading 24,000 schools × 8 teams × 12 terms
//! then reads ~100 blobs rather than ~3 million rows. The scores and indicators tables stay
//! the source of truth; triggers mark a pair stale on any write, and [`refresh_stale`]
//! (run by every import) rebuilds the stale pairs' packs from their rows.

use super::db::{Db, DbResult, Dialect};
use crate::args;

/// Stands for "no score" in the scores blob (scores are small positive numbers).
const NO_SCORE: u8 = 255;
/// Bytes per indicator record: urn u32, name index u16, value f64.
const INDICATOR_BYTES: usize = 14;

/// One (term, team)'s scores and indicators, sorted by URN (and indicator name).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Pack {
    pub scores: Vec<(u32, Option<u8>)>,
    /// Distinct names, sorted; `indicators` refer to them by index.
    pub names: Vec<String>,
    pub indicators: Vec<(u32, u16, f64)>,
}

impl Pack {
    /// Read one pair's rows (the slow path, also used to rebuild a stale pack).
    pub fn from_rows(db: &Db, term: &str, team: &str) -> DbResult<Pack> {
        let mut pack = Pack::default();
        db.for_each(
            "SELECT urn, score FROM scores WHERE term = ?1 AND team = ?2 ORDER BY urn",
            args![term, team],
            |r| {
                pack.scores.push((r.get(0)?, r.get(1)?));
                Ok(())
            },
        )?;
        // Sorted by set_indicators, byte-wise whatever the server's collation.
        let raw = db.query(
            "SELECT urn, name, value FROM indicators WHERE term = ?1 AND team = ?2",
            args![term, team],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        pack.set_indicators(raw);
        Ok(pack)
    }

    /// Build from parsed rows; `indicators` are (urn, name, value) in any order.
    pub fn set_indicators(&mut self, mut raw: Vec<(u32, String, f64)>) {
        let mut names: Vec<String> = raw.iter().map(|(_, n, _)| n.clone()).collect();
        names.sort_unstable();
        names.dedup();
        raw.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
        self.indicators = raw
            .into_iter()
            .map(|(urn, name, value)| {
                let i = names.binary_search(&name).unwrap_or(0);
                (urn, i as u16, value)
            })
            .collect();
        self.names = names;
    }

    fn encode(&self) -> (Vec<u8>, Vec<u8>, String, Vec<u8>) {
        let mut urns = Vec::with_capacity(self.scores.len() * 4);
        let mut scores = Vec::with_capacity(self.scores.len());
        for &(urn, score) in &self.scores {
            urns.extend_from_slice(&urn.to_le_bytes());
            scores.push(score.unwrap_or(NO_SCORE));
        }
        let mut ind = Vec::with_capacity(self.indicators.len() * INDICATOR_BYTES);
        for &(urn, name, value) in &self.indicators {
            ind.extend_from_slice(&urn.to_le_bytes());
            ind.extend_from_slice(&name.to_le_bytes());
            ind.extend_from_slice(&value.to_le_bytes());
        }
        (urns, scores, self.names.join("\n"), ind)
    }
}

/// A pack as stored: borrowed blobs, decoded on the fly by the loader.
pub struct PackBlobs<'a> {
    pub urns: &'a [u8],
    pub scores: &'a [u8],
    pub names: &'a str,
    pub indicators: &'a [u8],
}

impl PackBlobs<'_> {
    /// (urn, score) in URN order; None if the blobs are malformed.
    pub fn scores(&self) -> Option<impl Iterator<Item = (u32, Option<u8>)> + '_> {
        if self.urns.len() != self.scores.len() * 4 {
            return None;
        }
        Some(self.urns.chunks_exact(4).zip(self.scores).map(|(u, &s)| {
            let urn = u32::from_le_bytes([u[0], u[1], u[2], u[3]]);
            (urn, (s != NO_SCORE).then_some(s))
        }))
    }

    pub fn names(&self) -> Vec<&str> {
        if self.names.is_empty() {
            Vec::new()
        } else {
            self.names.split('\n').collect()
        }
    }

    /// (urn, name index, value) in (urn, name) order; None if malformed.
    pub fn indicators(&self) -> Option<impl Iterator<Item = (u32, u16, f64)> + '_> {
        if !self.indicators.len().is_multiple_of(INDICATOR_BYTES) {
            return None;
        }
        Some(self.indicators.chunks_exact(INDICATOR_BYTES).map(|c| {
            let urn = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
            let name = u16::from_le_bytes([c[4], c[5]]);
            let mut v = [0u8; 8];
            v.copy_from_slice(&c[6..14]);
            (urn, name, f64::from_le_bytes(v))
        }))
    }
}

/// Store a pair's pack (none when it has no rows left) and clear its stale mark. Call it
/// after the pair's rows are written, in the same transaction.
pub fn write(db: &Db, term: &str, team: &str, pack: &Pack) -> DbResult<()> {
    db.execute(
        "DELETE FROM score_packs WHERE term = ?1 AND team = ?2",
        args![term, team],
    )?;
    if !pack.scores.is_empty() || !pack.indicators.is_empty() {
        let (urns, scores, names, ind) = pack.encode();
        db.execute(
            "INSERT INTO score_packs (term, team, urns, scores, indicator_names, indicators)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            args![term, team, urns, scores, names, ind],
        )?;
    }
    db.execute(
        "DELETE FROM score_packs_stale WHERE term = ?1 AND team = ?2",
        args![term, team],
    )?;
    Ok(())
}

/// Run a bulk write of score or indicator rows without the per-row stale marks: an import
/// writes each pair's pack from the rows it inserts, instead of a trigger firing for each
/// of a national term's 264,000 rows (about 40% of the write). Must run inside a
/// transaction, so that on an error the rollback undoes this with everything else.
pub fn without_row_triggers<T>(db: &Db, write: impl FnOnce() -> DbResult<T>) -> DbResult<T> {
    match db.dialect() {
        Dialect::Sqlite => without_sqlite_triggers(db, write),
        // The server's trigger returns at once while the transaction says it is bulk work;
        // the setting is put back so later writes in the same import mark their pairs.
        Dialect::Postgres => {
            db.execute_batch("SET LOCAL termly.bulk = 'on'")?;
            let out = write()?;
            db.execute_batch("SET LOCAL termly.bulk = 'off'")?;
            Ok(out)
        }
    }
}

/// SQLite's DDL is transactional: the triggers are dropped, and recreated from their own
/// SQL after the write (or put back by the rollback if it fails).
fn without_sqlite_triggers<T>(db: &Db, write: impl FnOnce() -> DbResult<T>) -> DbResult<T> {
    let triggers: Vec<(String, String)> = db.query(
        "SELECT name, sql FROM sqlite_master
         WHERE type = 'trigger' AND tbl_name IN ('scores', 'indicators')
           AND name LIKE '%stale%'",
        args![],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    for (name, _) in &triggers {
        db.execute_batch(&format!("DROP TRIGGER \"{name}\""))?;
    }
    let out = write()?;
    for (_, sql) in &triggers {
        db.execute_batch(sql)?;
    }
    Ok(out)
}

/// (term, team) pairs whose rows changed since their pack was written.
pub fn stale_pairs(db: &Db) -> DbResult<Vec<(String, String)>> {
    db.query("SELECT term, team FROM score_packs_stale", args![], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })
}

/// Rebuild every stale pair's pack from its rows; returns how many were rebuilt. On
/// PostgreSQL a team's role may write only its own team's packs (row-level security): a
/// pair it may not write stays stale, for its own team or the chair to re-pack, and the
/// loader reads that pair from its rows meanwhile, so nothing shown is out of date.
pub fn refresh_stale(db: &Db) -> DbResult<usize> {
    let stale = stale_pairs(db)?;
    let guarded = db.dialect() == Dialect::Postgres;
    let mut refreshed = 0;
    for (term, team) in &stale {
        if guarded {
            db.execute_batch("SAVEPOINT termly_pack")?;
        }
        let result = Pack::from_rows(db, term, team).and_then(|pack| write(db, term, team, &pack));
        match result {
            Ok(()) if guarded => db.execute_batch("RELEASE SAVEPOINT termly_pack")?,
            Ok(()) => {}
            Err(e) if guarded && e.is_permission_denied() => {
                db.execute_batch("ROLLBACK TO SAVEPOINT termly_pack")?;
                continue;
            }
            Err(e) => return Err(e),
        }
        refreshed += 1;
    }
    Ok(refreshed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn seed(store: &Store) {
        store
            .db
            .execute_batch(
                "INSERT INTO schools (urn, name, phase, establishment_type, maintained) VALUES
                   (100001, 'A', 'primary', 'Community school', 1),
                   (100002, 'B', 'primary', 'Community school', 1);
                 INSERT INTO scores (term, team, urn, score) VALUES
                   ('2026-27-autumn', 'hr', 100002, 3), ('2026-27-autumn', 'hr', 100001, NULL);
                 INSERT INTO indicators (term, team, urn, name, value) VALUES
                   ('2026-27-autumn', 'hr', 100002, 'z', -1.5),
                   ('2026-27-autumn', 'hr', 100001, 'y', 2.0),
                   ('2026-27-autumn', 'hr', 100002, 'a', 0.25);",
            )
            .unwrap();
    }

    #[test]
    fn writes_to_rows_mark_the_pair_stale_and_refresh_packs_it() {
        let store = Store::open_in_memory().unwrap();
        seed(&store);
        let db = &store.db;
        let stale = stale_pairs(db).unwrap();
        assert_eq!(stale, vec![("2026-27-autumn".into(), "hr".into())]);
        assert_eq!(refresh_stale(db).unwrap(), 1);
        assert!(stale_pairs(db).unwrap().is_empty());
        db.execute("UPDATE scores SET score = 4 WHERE urn = 100002", args![])
            .unwrap();
        assert_eq!(stale_pairs(db).unwrap().len(), 1);
    }

    #[test]
    fn a_pack_round_trips_through_its_blobs() {
        let store = Store::open_in_memory().unwrap();
        seed(&store);
        let pack = Pack::from_rows(&store.db, "2026-27-autumn", "hr").unwrap();
        assert_eq!(pack.scores, vec![(100001, None), (100002, Some(3))]);
        assert_eq!(pack.names, vec!["a", "y", "z"]);
        assert_eq!(
            pack.indicators,
            vec![(100001, 1, 2.0), (100002, 0, 0.25), (100002, 2, -1.5)]
        );
        let (urns, scores, names, ind) = pack.encode();
        let blobs = PackBlobs {
            urns: &urns,
            scores: &scores,
            names: &names,
            indicators: &ind,
        };
        assert_eq!(blobs.scores().unwrap().collect::<Vec<_>>(), pack.scores);
        assert_eq!(blobs.names(), vec!["a", "y", "z"]);
        assert_eq!(
            blobs.indicators().unwrap().collect::<Vec<_>>(),
            pack.indicators
        );
    }

    #[test]
    fn malformed_blobs_are_refused_not_misread() {
        let blobs = PackBlobs {
            urns: &[1, 2, 3],
            scores: &[1],
            names: "",
            indicators: &[0; 13],
        };
        assert!(blobs.scores().is_none());
        assert!(blobs.indicators().is_none());
    }
}
