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

/// One row of a school's category history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpellRecord {
    pub category: String,
    /// `yyyy-mm-dd`, as stored.
    pub since: String,
    /// The decision that set it; `None` when imported.
    pub decision_id: Option<i64>,
}

/// One team's score of a school in a term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreRecord {
    pub term: Term,
    pub team: String,
    pub score: Option<u8>,
    pub comment: String,
}

/// A category history row with the meeting whose decision set it (`None`: imported).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryChange {
    pub urn: Urn,
    pub category: String,
    pub meeting_id: Option<i64>,
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

    /// The school's category history, oldest first.
    pub fn category_spells(&self, urn: Urn) -> Result<Vec<SpellRecord>> {
        self.db
            .query(
                "SELECT category, since, decision_id FROM category_history
                 WHERE urn = ?1 ORDER BY id",
                args![urn],
                |r| {
                    Ok(SpellRecord {
                        category: r.get(0)?,
                        since: r.get(1)?,
                        decision_id: r.get(2)?,
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

    /// Every category history row, by school and then in the order written.
    pub fn category_changes(&self) -> Result<Vec<CategoryChange>> {
        self.db
            .query(
                "SELECT h.urn, h.category, d.meeting_id FROM category_history h
                 LEFT JOIN decisions d ON d.id = h.decision_id ORDER BY h.urn, h.id",
                args![],
                |r| {
                    Ok(CategoryChange {
                        urn: r.get(0)?,
                        category: r.get(1)?,
                        meeting_id: r.get(2)?,
                    })
                },
            )
            .map_err(|e| self.err(e))
    }
}
