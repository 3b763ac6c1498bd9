//! Read the whole database into a [`Dataset`]: one query per table, not per school.

use super::{Result, Store};
use crate::dataset::{Dataset, IndicatorValue, TermScores};
use crate::model::{
    Area, AreaGrade, CategorySpell, Concern, Decision, Inspection, InspectionOutcome, Phase, School,
};
use crate::term::Term;
use chrono::NaiveDate;
use std::collections::HashMap;

/// Load everything the policy and the screen need. `teams` gives the column order; scores
/// of teams no longer configured are left out.
pub fn load_dataset(store: &Store, teams: &[String]) -> Result<Dataset> {
    let conn = &store.conn;
    let e = |err| store.err(err);
    // One read transaction so every table is seen at the same moment.
    let tx = conn.unchecked_transaction().map_err(e)?;

    let mut schools = Vec::new();
    {
        let mut stmt = tx
            .prepare_cached(
                "SELECT urn, name, phase, establishment_type, maintained, pupils, headteacher, la_code, sip, lama
                 FROM schools ORDER BY urn",
            )
            .map_err(e)?;
        let rows = stmt
            .query_map([], |r| {
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
            })
            .map_err(e)?;
        for row in rows {
            schools.push(row.map_err(e)?);
        }
    }
    let index: HashMap<u32, usize> = schools
        .iter()
        .enumerate()
        .map(|(i, s)| (s.urn, i))
        .collect();
    let n = schools.len();

    let mut inspections: Vec<Vec<Inspection>> = vec![Vec::new(); n];
    {
        let mut stmt = tx
            .prepare_cached(
                "SELECT urn, date, kind, grade, concern, areas, safeguarding_met
                 FROM inspections ORDER BY urn, date",
            )
            .map_err(e)?;
        let mut rows = stmt.query([]).map_err(e)?;
        while let Some(r) = rows.next().map_err(e)? {
            let urn: u32 = r.get(0).map_err(e)?;
            let date: String = r.get(1).map_err(e)?;
            let kind: String = r.get(2).map_err(e)?;
            let outcome = if kind == "legacy" {
                let grade: Option<u8> = r.get(3).map_err(e)?;
                let concern: Option<String> = r.get(4).map_err(e)?;
                InspectionOutcome::Legacy {
                    grade: grade.unwrap_or(0),
                    concern: concern.as_deref().and_then(Concern::parse),
                }
            } else {
                let areas: Option<String> = r.get(5).map_err(e)?;
                let met: Option<bool> = r.get(6).map_err(e)?;
                InspectionOutcome::ReportCard {
                    areas: decode_areas(areas.as_deref().unwrap_or("")),
                    safeguarding_met: met.unwrap_or(true),
                }
            };
            if let (Some(&i), Some(date)) = (index.get(&urn), parse_date(&date)) {
                inspections[i].push(Inspection { urn, date, outcome });
            }
        }
    }

    let mut categories: Vec<Vec<CategorySpell>> = vec![Vec::new(); n];
    {
        let mut stmt = tx
            .prepare_cached(
                "SELECT urn, category, since, decision_id FROM category_history ORDER BY urn, id",
            )
            .map_err(e)?;
        let mut rows = stmt.query([]).map_err(e)?;
        while let Some(r) = rows.next().map_err(e)? {
            let urn: u32 = r.get(0).map_err(e)?;
            let since: String = r.get(2).map_err(e)?;
            if let (Some(&i), Some(since)) = (index.get(&urn), parse_date(&since)) {
                categories[i].push(CategorySpell {
                    urn,
                    category: r.get(1).map_err(e)?,
                    since,
                    decision_id: r.get(3).map_err(e)?,
                });
            }
        }
    }

    let team_index: HashMap<&str, u16> = teams
        .iter()
        .enumerate()
        .map(|(i, t)| (t.as_str(), i as u16))
        .collect();
    let n_teams = teams.len();
    let mut terms: Vec<TermScores> = Vec::new();
    let mut term_names: HashMap<String, usize> = HashMap::new();
    {
        let mut stmt = tx
            .prepare_cached("SELECT term, team, urn, score FROM scores")
            .map_err(e)?;
        let mut rows = stmt.query([]).map_err(e)?;
        while let Some(r) = rows.next().map_err(e)? {
            let term_text = r.get_ref(0).map_err(e)?.as_str().unwrap_or("");
            let team_text = r.get_ref(1).map_err(e)?.as_str().unwrap_or("");
            let Some(&team) = team_index.get(team_text) else {
                continue;
            };
            let urn: u32 = r.get(2).map_err(e)?;
            let Some(&school) = index.get(&urn) else {
                continue;
            };
            let slot = match term_names.get(term_text) {
                Some(&slot) => slot,
                None => {
                    let Ok(term) = term_text.parse::<Term>() else {
                        continue;
                    };
                    terms.push(TermScores::new(term, n, n_teams));
                    term_names.insert(term_text.to_string(), terms.len() - 1);
                    terms.len() - 1
                }
            };
            let score: Option<u8> = r.get(3).map_err(e)?;
            terms[slot].scores[school * n_teams + team as usize] = score;
        }
    }
    {
        let mut stmt = tx
            .prepare_cached("SELECT term, team, urn, name, value FROM indicators")
            .map_err(e)?;
        let mut rows = stmt.query([]).map_err(e)?;
        while let Some(r) = rows.next().map_err(e)? {
            let term_text = r.get_ref(0).map_err(e)?.as_str().unwrap_or("");
            let team_text = r.get_ref(1).map_err(e)?.as_str().unwrap_or("");
            let (Some(&slot), Some(&team)) = (term_names.get(term_text), team_index.get(team_text))
            else {
                continue;
            };
            let urn: u32 = r.get(2).map_err(e)?;
            let Some(&school) = index.get(&urn) else {
                continue;
            };
            terms[slot].indicators.push(IndicatorValue {
                school: school as u32,
                team,
                name: r.get(3).map_err(e)?,
                value: r.get(4).map_err(e)?,
            });
        }
    }
    for t in &mut terms {
        t.indicators
            .sort_by(|a, b| (a.school, a.team, &a.name).cmp(&(b.school, b.team, &b.name)));
    }
    terms.sort_by_key(|t| t.term);

    let decisions = load_decisions(store, &tx)?;
    tx.finish().map_err(e)?;

    Ok(Dataset {
        teams: teams.to_vec(),
        schools,
        inspections,
        categories,
        terms,
        decisions,
    })
}

fn load_decisions(store: &Store, tx: &rusqlite::Connection) -> Result<Vec<Decision>> {
    use super::decisions::{decision_row, DECISION_COLUMNS};
    let e = |err| store.err(err);
    let mut stmt = tx
        .prepare_cached(&format!(
            "SELECT {DECISION_COLUMNS} FROM decisions ORDER BY id"
        ))
        .map_err(e)?;
    let rows = stmt.query_map([], decision_row).map_err(e)?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(e)
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
            .conn
            .execute_batch(
                "INSERT INTO schools (urn, name, phase, establishment_type, maintained) VALUES
                   (100002, 'B', 'secondary', 'Academy converter', 0),
                   (100001, 'A', 'primary', 'Community school', 1);
                 INSERT INTO scores (term, team, urn, score) VALUES
                   ('2026-27-autumn', 'hr', 100002, 3),
                   ('2025-26-summer', 'finance', 100001, 1),
                   ('2026-27-autumn', 'gone', 100001, 4);
                 INSERT INTO indicators VALUES ('2026-27-autumn', 'hr', 100002, 'x', 1.5);
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
        assert_eq!(d.current_spell(0).unwrap().category, "focused");
    }
}
