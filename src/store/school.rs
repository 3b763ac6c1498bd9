//! One school's scores across every term, with the comments and indicators the dense
//! [`Dataset`](crate::dataset::Dataset) leaves out. Read when the detail pane opens.

use super::db::TxMode;
use super::{Result, Store};
use crate::args;
use crate::model::{Score, Urn};
use crate::term::Term;
use std::collections::HashMap;

/// Every term's scores for one school, with comments and indicators: one query for the scores
/// and one for the indicators. Ordered by term (oldest first), then team key. Rows whose term
/// does not parse are left out. Indicators a team sent without a score row still appear,
/// as a score of `None` with an empty comment.
pub fn school_scores(store: &Store, urn: Urn) -> Result<Vec<Score>> {
    let e = |err| store.err(err);
    let tx = store.db.begin(TxMode::Snapshot).map_err(e)?;
    let mut out: Vec<Score> = Vec::new();
    let mut slot: HashMap<(String, String), usize> = HashMap::new();
    tx.for_each(
        "SELECT term, team, score, comment FROM scores WHERE urn = ?1",
        args![urn],
        |r| {
            let term_text: String = r.get(0)?;
            let Ok(term) = term_text.parse::<Term>() else {
                return Ok(());
            };
            let team: String = r.get(1)?;
            slot.insert((term_text, team.clone()), out.len());
            out.push(Score {
                urn,
                term,
                team,
                score: r.get(2)?,
                comment: r.get(3)?,
                indicators: Vec::new(),
            });
            Ok(())
        },
    )
    .map_err(e)?;
    tx.for_each(
        "SELECT term, team, name, value FROM indicators WHERE urn = ?1 ORDER BY name",
        args![urn],
        |r| {
            let key: (String, String) = (r.get(0)?, r.get(1)?);
            let name: String = r.get(2)?;
            let value: f64 = r.get(3)?;
            if let Some(i) = score_slot(&mut out, &mut slot, urn, key) {
                out[i].indicators.push((name, value));
            }
            Ok(())
        },
    )
    .map_err(e)?;
    tx.commit().map_err(e)?;
    out.sort_by(|a, b| (a.term, &a.team).cmp(&(b.term, &b.team)));
    Ok(out)
}

/// Where the indicators of `(term, team)` go: its score, or a new empty one for indicators a
/// team sent without a score row. `None` when the term does not parse.
fn score_slot(
    out: &mut Vec<Score>,
    slot: &mut HashMap<(String, String), usize>,
    urn: Urn,
    key: (String, String),
) -> Option<usize> {
    if let Some(&i) = slot.get(&key) {
        return Some(i);
    }
    let term = key.0.parse::<Term>().ok()?;
    out.push(Score {
        urn,
        term,
        team: key.1.clone(),
        score: None,
        comment: String::new(),
        indicators: Vec::new(),
    });
    slot.insert(key, out.len() - 1);
    Some(out.len() - 1)
}

/// Every non-empty team comment of one term, as scores without indicators, by URN then team.
pub fn term_comments(store: &Store, term: Term) -> Result<Vec<Score>> {
    store
        .db
        .query(
            "SELECT urn, team, score, comment FROM scores
             WHERE term = ?1 AND comment <> '' ORDER BY urn, team",
            args![term.key()],
            |r| {
                Ok(Score {
                    urn: r.get(0)?,
                    term,
                    team: r.get(1)?,
                    score: r.get(2)?,
                    comment: r.get(3)?,
                    indicators: Vec::new(),
                })
            },
        )
        .map_err(|e| store.err(e))
}

/// Re-order scores by term, then by the configured team order (`teams`, as in
/// `Dataset::teams`); teams no longer configured go last, by key.
pub fn order_by_teams(scores: &mut [Score], teams: &[String]) {
    let rank = |team: &str| teams.iter().position(|t| t == team).unwrap_or(usize::MAX);
    scores.sort_by(|a, b| (a.term, rank(&a.team), &a.team).cmp(&(b.term, rank(&b.team), &b.team)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::term::Season;

    fn store() -> Store {
        let store = Store::open_in_memory().unwrap();
        store
            .db
            .execute_batch(
                "INSERT INTO schools (urn, name, phase, establishment_type, maintained) VALUES
                   (100001, 'Alder Primary', 'primary', 'Community school', 1),
                   (100002, 'Birch Academy', 'secondary', 'Academy converter', 0);
                 INSERT INTO scores (term, team, urn, score, comment) VALUES
                   ('2026-27-autumn', 'standards', 100001, 3, 'KS2 below'),
                   ('2026-27-autumn', 'attendance', 100001, NULL, ''),
                   ('2025-26-summer', 'finance', 100001, 1, 'fine'),
                   ('2026-27-autumn', 'hr', 100002, 4, 'other school');
                 INSERT INTO indicators (term, team, urn, name, value) VALUES
                   ('2026-27-autumn', 'attendance', 100001, 'persistent_absence_pct', 24.1),
                   ('2026-27-autumn', 'attendance', 100001, 'overall_absence_pct', 7.5),
                   ('2025-26-summer', 'hr', 100001, 'vacancies', 2.0),
                   ('2026-27-autumn', 'hr', 100002, 'vacancies', 9.0);",
            )
            .unwrap();
        store
    }

    #[test]
    fn reads_a_terms_comments() {
        let s = store();
        let term: Term = "2026-27 autumn".parse().unwrap();
        let got: Vec<(u32, String, String)> = term_comments(&s, term)
            .unwrap()
            .into_iter()
            .map(|c| (c.urn, c.team, c.comment))
            .collect();
        assert_eq!(
            got,
            [
                (100001, "standards".into(), "KS2 below".into()),
                (100002, "hr".into(), "other school".into())
            ]
        );
    }

    #[test]
    fn reads_one_schools_scores_with_indicators_in_term_order() {
        let s = store();
        let scores = school_scores(&s, 100001).unwrap();
        let got: Vec<(String, &str, Option<u8>)> = scores
            .iter()
            .map(|x| (x.term.key(), x.team.as_str(), x.score))
            .collect();
        assert_eq!(
            got,
            vec![
                ("2025-26-summer".to_string(), "finance", Some(1)),
                ("2025-26-summer".to_string(), "hr", None),
                ("2026-27-autumn".to_string(), "attendance", None),
                ("2026-27-autumn".to_string(), "standards", Some(3)),
            ]
        );
        assert_eq!(scores[0].comment, "fine");
        assert_eq!(scores[1].indicators, vec![("vacancies".to_string(), 2.0)]);
        assert_eq!(
            scores[2].indicators,
            vec![
                ("overall_absence_pct".to_string(), 7.5),
                ("persistent_absence_pct".to_string(), 24.1)
            ]
        );
        assert!(scores.iter().all(|x| x.urn == 100001));
        assert_eq!(scores[3].term, Term::new(2026, Season::Autumn));
    }

    #[test]
    fn unknown_school_has_no_scores() {
        assert!(school_scores(&store(), 999999).unwrap().is_empty());
    }

    #[test]
    fn orders_by_configured_teams() {
        let mut scores = school_scores(&store(), 100001).unwrap();
        let teams: Vec<String> = ["standards", "attendance", "finance"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        order_by_teams(&mut scores, &teams);
        let got: Vec<&str> = scores.iter().map(|x| x.team.as_str()).collect();
        assert_eq!(got, vec!["finance", "hr", "standards", "attendance"]);
    }
}
