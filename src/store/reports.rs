//! Read-only questions the reports ask of the database: one school's record for
//! `termly history`, the latest term with scores, and every category change for the
//! minutes' before-and-after counts.

use super::{Result, Store};
use crate::args;
use crate::model::Urn;
use crate::term::Term;

/// A school's register entry, as stored (phase and type as their keys).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchoolRecord {
    pub name: String,
    pub phase: String,
    pub establishment_type: String,
    pub maintained: bool,
    pub sip: Option<String>,
    pub lama: Option<String>,
}

/// One team's score of a school in a term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreRecord {
    pub term: Term,
    pub team: String,
    pub score: Option<u8>,
    pub comment: String,
}

impl Store {
    /// The school's register entry, if the URN is known.
    pub fn school_record(&self, urn: Urn) -> Result<Option<SchoolRecord>> {
        self.db
            .query_opt(
                "SELECT name, phase, establishment_type, maintained, sip, lama
                 FROM schools WHERE urn = ?1",
                args![urn],
                |r| {
                    Ok(SchoolRecord {
                        name: r.get(0)?,
                        phase: r.get(1)?,
                        establishment_type: r.get(2)?,
                        maintained: r.get(3)?,
                        sip: r.get(4)?,
                        lama: r.get(5)?,
                    })
                },
            )
            .map_err(|e| self.err(e))
    }

    /// Every score of the school, in no particular order; rows whose term does not parse
    /// are left out.
    pub fn school_scores(&self, urn: Urn) -> Result<Vec<ScoreRecord>> {
        let rows: Vec<(String, String, Option<u8>, String)> = self
            .db
            .query(
                "SELECT term, team, score, comment FROM scores WHERE urn = ?1",
                args![urn],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        for (term, team, score, comment) in rows {
            if let Ok(term) = term.parse::<Term>() {
                out.push(ScoreRecord {
                    term,
                    team,
                    score,
                    comment,
                });
            }
        }
        Ok(out)
    }

    /// The latest term with any score, if there is one.
    pub fn latest_scored_term(&self) -> Result<Option<Term>> {
        let mut latest: Option<Term> = None;
        self.db
            .for_each("SELECT DISTINCT term FROM scores", args![], |r| {
                if let Ok(t) = r.get::<String>(0)?.parse::<Term>() {
                    latest = latest.max(Some(t));
                }
                Ok(())
            })
            .map_err(|e| self.err(e))?;
        Ok(latest)
    }
}
