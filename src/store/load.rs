//! Read the whole database into a [`Dataset`]: one query per table, not per school.

use super::db::{Cell, Db, DbResult, Row, TxMode};
use super::packs;
use super::{Result, Store};
use crate::args;
use crate::category_timeline;
use crate::dataset::{Dataset, IndicatorValue, TermScores};
use crate::model::{
    Area, AreaGrade, CategorySpell, Concern, Decision, Inspection, InspectionOutcome, Meeting,
    Phase, School,
};
use crate::term::Term;
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

/// Load everything the policy and the screen need. `teams` gives the column order; scores
/// of teams no longer configured are left out.
pub fn load_dataset(store: &Store, teams: &[String]) -> Result<Dataset> {
    read_dataset(&store.db, teams).map_err(|e| store.err(e))
}

fn read_dataset(db: &Db, teams: &[String]) -> DbResult<Dataset> {
    // One read transaction so every table is seen at the same moment.
    let tx = db.begin(TxMode::Snapshot)?;
    let schools = load_schools(&tx)?;
    let index: HashMap<u32, usize> = schools
        .iter()
        .enumerate()
        .map(|(i, s)| (s.urn, i))
        .collect();
    let inspections = load_inspections(&tx, &index)?;
    let imported = load_imported_categories(&tx)?;
    let terms = load_terms(&tx, &schools, teams)?;
    let decisions = load_decisions(&tx)?;
    let meetings = load_meetings(&tx)?;
    tx.commit()?;
    let urns: Vec<u32> = schools.iter().map(|s| s.urn).collect();
    let categories = category_timeline::by_school(
        &urns,
        category_timeline::spells(imported, &decisions, &meetings),
    );
    Ok(Dataset {
        teams: teams.to_vec(),
        schools,
        inspections,
        categories,
        terms,
        decisions,
        meetings,
    })
}

/// The register, by URN.
fn load_schools(tx: &Db) -> DbResult<Vec<School>> {
    tx.query(
        "SELECT urn, name, phase, establishment_type, maintained, pupils, headteacher, la_code, sip, lama
         FROM schools ORDER BY urn",
        args![],
        |r| {
            let phase: String = r.get(2)?;
            Ok(School {
                urn: r.get(0)?,
                name: r.get(1)?,
                phase: Phase::parse(&phase).unwrap_or(Phase::Primary),
                establishment_type: r.get(3)?,
                maintained: r.get(4)?,
                pupils: r.get(5)?,
                headteacher: r.get(6)?,
                la_code: r.get(7)?,
                sip: r.get(8)?,
                lama: r.get(9)?,
            })
        },
    )
}

/// Each school's inspections, oldest first.
fn load_inspections(tx: &Db, index: &HashMap<u32, usize>) -> DbResult<Vec<Vec<Inspection>>> {
    let mut inspections: Vec<Vec<Inspection>> = vec![Vec::new(); index.len()];
    tx.for_each(
        "SELECT urn, date, kind, grade, concern, areas, safeguarding_met
         FROM inspections ORDER BY urn, date",
        args![],
        |r| {
            let urn: u32 = r.get(0)?;
            let date: String = r.get(1)?;
            let outcome = inspection_outcome(r)?;
            if let (Some(&i), Some(date)) = (index.get(&urn), parse_date(&date)) {
                inspections[i].push(Inspection { urn, date, outcome });
            }
            Ok(())
        },
    )?;
    Ok(inspections)
}

/// Columns 2 to 6 of an inspections row: kind, then the legacy or report-card outcome.
fn inspection_outcome(r: &Row<'_>) -> DbResult<InspectionOutcome> {
    let kind: String = r.get(2)?;
    Ok(if kind == "legacy" {
        let grade: Option<u8> = r.get(3)?;
        let concern: Option<String> = r.get(4)?;
        InspectionOutcome::Legacy {
            grade: grade.unwrap_or(0),
            concern: concern.as_deref().and_then(Concern::parse),
        }
    } else {
        let areas: Option<String> = r.get(5)?;
        let met: Option<bool> = r.get(6)?;
        InspectionOutcome::ReportCard {
            areas: decode_areas(areas.as_deref().unwrap_or("")),
            safeguarding_met: met.unwrap_or(true),
        }
    })
}

/// The categories imported from support files, in the order written. (The history rows a
/// decision wrote are not read: a decision's category comes from the decision itself, so a
/// revocation needs no row of its own.)
fn load_imported_categories(tx: &Db) -> DbResult<Vec<CategorySpell>> {
    let mut out = Vec::new();
    tx.for_each(
        "SELECT urn, category, since FROM category_history WHERE decision_id IS NULL ORDER BY urn, id",
        args![],
        |r| {
            let since: String = r.get(2)?;
            if let Some(since) = parse_date(&since) {
                out.push(CategorySpell::imported(r.get(0)?, r.get::<String>(1)?, since));
            }
            Ok(())
        },
    )?;
    Ok(out)
}

/// Every term's scores and indicators: from the packs (one blob per term and team), then
/// from the rows of pairs written since a pack or of a damaged pack.
fn load_terms(tx: &Db, schools: &[School], teams: &[String]) -> DbResult<Vec<TermScores>> {
    let team_index: HashMap<&str, u16> = teams
        .iter()
        .enumerate()
        .map(|(i, t)| (t.as_str(), i as u16))
        .collect();
    let mut acc = Matrix::new(schools, teams.len());
    let stale: HashSet<(String, String)> = packs::stale_pairs(tx)?.into_iter().collect();
    // Packs first (one blob per term and team), then the rows of pairs written since.
    let mut fallback: Vec<(String, String)> = stale.iter().cloned().collect();
    tx.for_each(
        "SELECT term, team, urns, scores, indicator_names, indicators FROM score_packs",
        args![],
        |r| {
            let text = |i| {
                r.cell(i)
                    .map(|c| if let Cell::Text(s) = c { s } else { "" })
            };
            let blob = |i| {
                r.cell(i)
                    .map(|c| if let Cell::Blob(b) = c { b } else { &[][..] })
            };
            let (term_text, team_text) = (text(0)?, text(1)?);
            let Some(&team) = team_index.get(team_text) else {
                return Ok(());
            };
            if stale.contains(&(term_text.to_string(), team_text.to_string())) {
                return Ok(());
            }
            let blobs = packs::PackBlobs {
                urns: blob(2)?,
                scores: blob(3)?,
                names: text(4)?,
                indicators: blob(5)?,
            };
            match (blobs.scores(), blobs.indicators()) {
                (Some(scores), Some(indicators)) => {
                    acc.add_scores(term_text, team, scores);
                    acc.add_indicators(term_text, team, &blobs.names(), indicators);
                }
                // A damaged pack: read the pair's rows instead.
                _ => fallback.push((term_text.to_string(), team_text.to_string())),
            };
            Ok(())
        },
    )?;
    for (term_text, team_text) in &fallback {
        let Some(&team) = team_index.get(team_text.as_str()) else {
            continue;
        };
        let pack = packs::Pack::from_rows(tx, term_text, team_text)?;
        acc.add_scores(term_text, team, pack.scores.iter().copied());
        let names: Vec<&str> = pack.names.iter().map(String::as_str).collect();
        acc.add_indicators(term_text, team, &names, pack.indicators.iter().copied());
    }
    let mut terms = acc.finish();
    for t in &mut terms {
        t.indicators
            .sort_by(|a, b| (a.school, a.team, &a.name).cmp(&(b.school, b.team, &b.name)));
    }
    terms.sort_by_key(|t| t.term);
    Ok(terms)
}

/// Fills each term's dense score matrix from (urn, score) streams sorted by URN, walking
/// the register (also sorted by URN) alongside rather than looking every URN up.
struct Matrix<'a> {
    schools: &'a [School],
    n_teams: usize,
    terms: Vec<TermScores>,
    term_names: HashMap<String, usize>,
    /// Indicators by term text, attached once every term's scores are in.
    pending: Vec<(String, Vec<IndicatorValue>)>,
}

impl<'a> Matrix<'a> {
    fn new(schools: &'a [School], n_teams: usize) -> Matrix<'a> {
        Matrix {
            schools,
            n_teams,
            terms: Vec::new(),
            term_names: HashMap::new(),
            pending: Vec::new(),
        }
    }

    /// The school's index, starting the search at `from` (inputs are sorted by URN).
    fn find(&self, urn: u32, from: usize) -> (usize, bool) {
        let s = self.schools;
        let mut i = from;
        if i >= s.len() || s[i].urn > urn {
            i = s.partition_point(|x| x.urn < urn);
        }
        while i < s.len() && s[i].urn < urn {
            i += 1;
        }
        (i, i < s.len() && s[i].urn == urn)
    }

    /// A term has a matrix once any score or indicator of a known team and school names it.
    fn slot(&mut self, term_text: &str) -> Option<usize> {
        if let Some(&slot) = self.term_names.get(term_text) {
            return Some(slot);
        }
        let term = term_text.parse::<Term>().ok()?;
        self.terms
            .push(TermScores::new(term, self.schools.len(), self.n_teams));
        self.term_names
            .insert(term_text.to_string(), self.terms.len() - 1);
        Some(self.terms.len() - 1)
    }

    fn add_scores(
        &mut self,
        term_text: &str,
        team: u16,
        scores: impl Iterator<Item = (u32, Option<u8>)>,
    ) {
        let (mut at, mut slot) = (0, None);
        for (urn, score) in scores {
            let (i, found) = self.find(urn, at);
            at = i;
            if !found {
                continue;
            }
            let slot = match slot {
                Some(slot) => slot,
                None => match self.slot(term_text) {
                    Some(s) => *slot.insert(s),
                    None => return,
                },
            };
            self.terms[slot].scores[i * self.n_teams + team as usize] = score;
        }
    }

    fn add_indicators(
        &mut self,
        term_text: &str,
        team: u16,
        names: &[&str],
        values: impl Iterator<Item = (u32, u16, f64)>,
    ) {
        let names: Vec<std::sync::Arc<str>> = names.iter().map(|n| (*n).into()).collect();
        let mut out = Vec::new();
        let mut at = 0;
        for (urn, name, value) in values {
            let (i, found) = self.find(urn, at);
            at = i;
            let Some(name) = names.get(name as usize) else {
                continue;
            };
            if found {
                out.push(IndicatorValue {
                    school: i as u32,
                    team,
                    name: name.clone(),
                    value,
                });
            }
        }
        // Indicators alone make a term (a source such as the DfE absence file feeds a team
        // that sends no scores file).
        if !out.is_empty() {
            self.slot(term_text);
        }
        self.pending.push((term_text.to_string(), out));
    }

    fn finish(mut self) -> Vec<TermScores> {
        for (term_text, values) in std::mem::take(&mut self.pending) {
            if let Some(&slot) = self.term_names.get(&term_text) {
                self.terms[slot].indicators.extend(values);
            }
        }
        self.terms
    }
}

fn load_meetings(tx: &Db) -> DbResult<Vec<Meeting>> {
    tx.query(
        &format!(
            "SELECT {} FROM meetings ORDER BY id",
            super::meetings::MEETING_COLUMNS
        ),
        args![],
        super::meetings::meeting_row,
    )
}

fn load_decisions(tx: &Db) -> DbResult<Vec<Decision>> {
    use super::decisions::{read_decision, DECISION_COLUMNS};
    tx.query(
        &format!("SELECT {DECISION_COLUMNS} FROM decisions ORDER BY id"),
        args![],
        read_decision,
    )
}

pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// Report-card areas are stored as `area=grade;area=grade`.
pub fn encode_areas(areas: &[(Area, AreaGrade)]) -> String {
    areas
        .iter()
        .map(|(a, g)| format!("{}={}", a.key(), g.key()))
        .collect::<Vec<_>>()
        .join(";")
}

pub fn decode_areas(s: &str) -> Vec<(Area, AreaGrade)> {
    s.split(';')
        .filter_map(|pair| {
            let (a, g) = pair.split_once('=')?;
            let area = Area::ALL.into_iter().find(|x| x.key() == a)?;
            Some((area, AreaGrade::parse(g)?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn areas_round_trip() {
        let areas = vec![
            (Area::Inclusion, AreaGrade::ExpectedStandard),
            (Area::LeadershipGovernance, AreaGrade::NeedsAttention),
        ];
        assert_eq!(decode_areas(&encode_areas(&areas)), areas);
    }

    #[test]
    fn loads_scores_into_the_matrix() {
        let store = Store::open_in_memory().unwrap();
        store
            .db
            .execute_batch(
                "INSERT INTO schools (urn, name, phase, establishment_type, maintained) VALUES
                   (100002, 'B', 'secondary', 'Academy converter', 0),
                   (100001, 'A', 'primary', 'Community school', 1);
                 INSERT INTO scores (term, team, urn, score) VALUES
                   ('2026-27-autumn', 'hr', 100002, 3),
                   ('2025-26-summer', 'finance', 100001, 1),
                   ('2026-27-autumn', 'gone', 100001, 4);
                 INSERT INTO indicators (term, team, urn, name, value) VALUES ('2026-27-autumn', 'hr', 100002, 'x', 1.5);
                 INSERT INTO category_history (urn, category, since, recorded_at) VALUES
                   (100001, 'core', '2024-09-01', 'now'), (100001, 'focused', '2025-09-01', 'now');",
            )
            .unwrap();
        let teams = vec!["finance".to_string(), "hr".to_string()];
        let d = load_dataset(&store, &teams).unwrap();
        assert_eq!(d.schools[0].urn, 100001);
        assert_eq!(d.terms.len(), 2);
        assert_eq!(d.terms[0].term.key(), "2025-26-summer");
        assert_eq!(d.score(1, 1, 1), Some(3));
        assert_eq!(d.score(1, 0, 0), None, "unknown teams are left out");
        assert_eq!(d.terms[1].indicators_for(1, 1).len(), 1);
        assert_eq!(
            d.category_at(0, d.terms[1].term).unwrap().category,
            "focused"
        );
    }

    #[test]
    fn packs_load_the_same_dataset_as_rows() {
        let store = Store::open_in_memory().unwrap();
        store
            .db
            .execute_batch(
                "INSERT INTO schools (urn, name, phase, establishment_type, maintained) VALUES
                   (100003, 'C', 'primary', 'Community school', 1),
                   (100001, 'A', 'primary', 'Community school', 1),
                   (100002, 'B', 'secondary', 'Academy converter', 0);
                 INSERT INTO scores (term, team, urn, score) VALUES
                   ('2026-27-autumn', 'hr', 100003, 3), ('2026-27-autumn', 'hr', 100001, NULL),
                   ('2026-27-autumn', 'finance', 100002, 2),
                   ('2025-26-summer', 'finance', 100001, 1), ('bad-term', 'hr', 100001, 1);
                 INSERT INTO indicators (term, team, urn, name, value) VALUES ('2026-27-autumn', 'hr', 100003, 'x', 1.5),
                   ('2026-27-autumn', 'hr', 100003, 'a', -2.0),
                   ('2026-27-autumn', 'finance', 100001, 'b', 4.0),
                   ('2024-25-spring', 'hr', 100009, 'orphan', 1.0);",
            )
            .unwrap();
        let teams = vec!["finance".to_string(), "hr".to_string()];
        let from_rows = load_dataset(&store, &teams).unwrap();
        assert_eq!(packs::refresh_stale(&store.db).unwrap(), 5);
        let from_packs = load_dataset(&store, &teams).unwrap();
        assert_eq!(from_packs, from_rows);
        assert_eq!(from_packs.terms.len(), 2, "no known school, no term");
        assert_eq!(from_packs.score(1, 2, 1), Some(3));
        let hr = from_packs.terms[1].indicators_for(2, 1);
        assert_eq!(hr.iter().map(|i| &*i.name).collect::<Vec<_>>(), ["a", "x"]);
        // A later write to the rows wins over the pack until the next import repacks.
        store
            .db
            .execute("UPDATE scores SET score = 4 WHERE urn = 100003", args![])
            .unwrap();
        let updated = load_dataset(&store, &teams).unwrap();
        assert_eq!(updated.score(1, 2, 1), Some(4));
    }
}
