//! A school's support categories over the terms: the one answer to "what category was the
//! school in at term T", read alike by the policy, the grid and header, the detail pane,
//! `history`, the minutes and the papers.
//!
//! The record is ordered by [`RecordPosition`]: term, then imported categories, then each
//! meeting's decisions. A decision takes effect in its meeting's term and every later term,
//! whatever the day it was typed; a revoked decision never took effect.

use crate::model::{CategorySpell, Decision, DecisionKind, Meeting, RecordPosition, Urn};
use std::collections::{HashMap, HashSet};

/// Every spell, in record order within each school: the imported categories given, and a
/// spell for each recategorisation that stands (not revoked) in a meeting that is known.
pub fn spells(
    imported: Vec<CategorySpell>,
    decisions: &[Decision],
    meetings: &[Meeting],
) -> Vec<CategorySpell> {
    let meetings: HashMap<i64, &Meeting> = meetings.iter().map(|m| (m.id, m)).collect();
    let revoked: HashSet<i64> = decisions.iter().filter_map(|d| d.revokes).collect();
    let mut all = imported;
    all.extend(decisions.iter().filter_map(|d| {
        let to = d.to_category.as_ref()?;
        let meeting = meetings.get(&d.meeting_id)?;
        (d.kind == DecisionKind::Recategorise && !revoked.contains(&d.id)).then(|| CategorySpell {
            urn: d.urn,
            category: to.clone(),
            term: meeting.term,
            since: meeting.date,
            decision_id: Some(d.id),
            meeting_id: Some(meeting.id),
        })
    }));
    // Stable, so imports of the same term and day keep the order they were written in.
    all.sort_by_key(|s| (s.urn, s.position()));
    all
}

/// Group spells (in record order) by school, in the order of `urns`; spells of schools not
/// listed are left out.
pub fn by_school(urns: &[Urn], spells: Vec<CategorySpell>) -> Vec<Vec<CategorySpell>> {
    let index: HashMap<Urn, usize> = urns.iter().enumerate().map(|(i, u)| (*u, i)).collect();
    let mut out = vec![Vec::new(); urns.len()];
    for s in spells {
        if let Some(&i) = index.get(&s.urn) {
            out[i].push(s);
        }
    }
    out
}

/// The spell in force at `position`: the last one at or before it. `spells` is one
/// school's, in record order.
pub fn at(spells: &[CategorySpell], position: RecordPosition) -> Option<&CategorySpell> {
    let n = spells.partition_point(|s| s.position() <= position);
    n.checked_sub(1).map(|i| &spells[i])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::term::{Season, Term};
    use chrono::NaiveDate;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn meeting(id: i64, term: Term, date: NaiveDate) -> Meeting {
        Meeting {
            id,
            term,
            date,
            chair: "Chair".into(),
            attendees: Vec::new(),
            opened_at: String::new(),
            closed_at: None,
        }
    }

    fn recategorise(id: i64, meeting_id: i64, to: &str) -> Decision {
        Decision {
            id,
            meeting_id,
            urn: 100001,
            kind: DecisionKind::Recategorise,
            from_category: None,
            to_category: Some(to.into()),
            rationale: "why".into(),
            actions: String::new(),
            owner: String::new(),
            due: None,
            recorded_by: String::new(),
            recorded_at: String::new(),
            revokes: None,
            policy_reasons: String::new(),
        }
    }

    /// The category at the end of `term`.
    fn at_end(spells: &[CategorySpell], term: Term) -> &str {
        &at(spells, RecordPosition::end_of(term)).unwrap().category
    }

    #[test]
    fn a_decision_takes_effect_in_its_meetings_term_whatever_the_day() {
        let autumn = Term::new(2025, Season::Autumn);
        // The autumn meeting is held a whole year later.
        let meetings = [meeting(1, autumn, day(2026, 12, 6))];
        let imported = vec![CategorySpell::imported(100001, "core", day(2024, 9, 1))];
        let spells = spells(imported, &[recategorise(7, 1, "intensive_b")], &meetings);
        let at_term = |t: Term| at(&spells, RecordPosition::end_of(t)).map(|s| s.category.as_str());
        assert_eq!(at_term(autumn.prev()), Some("core"));
        assert_eq!(at_term(autumn), Some("intensive_b"));
        assert_eq!(at_term(autumn.next()), Some("intensive_b"));
        assert_eq!(
            at(&spells, RecordPosition::before_meeting(&meetings[0])).map(|s| s.category.as_str()),
            Some("core")
        );
    }

    #[test]
    fn record_order_is_term_then_meeting_then_decision_not_the_clock() {
        let autumn = Term::new(2026, Season::Autumn);
        let spring = autumn.next();
        // Spring's meeting was typed first (an earlier id) but autumn's is earlier in the record.
        let meetings = [
            meeting(1, spring, day(2027, 2, 1)),
            meeting(2, autumn, day(2027, 1, 20)),
        ];
        let decisions = [
            recategorise(1, 1, "enhanced"),
            recategorise(2, 2, "focused"),
        ];
        let spells = spells(Vec::new(), &decisions, &meetings);
        let order: Vec<_> = spells.iter().map(|s| s.category.as_str()).collect();
        assert_eq!(order, ["focused", "enhanced"]);
        assert_eq!(at_end(&spells, autumn), "focused");
    }

    #[test]
    fn a_revoked_decision_never_took_effect_and_a_later_one_in_the_meeting_supersedes() {
        let autumn = Term::new(2026, Season::Autumn);
        let meetings = [meeting(1, autumn, day(2026, 11, 23))];
        let mut revoke = recategorise(3, 1, "core");
        revoke.kind = DecisionKind::Revoke;
        revoke.revokes = Some(2);
        let decisions = [
            recategorise(1, 1, "focused"),
            recategorise(2, 1, "enhanced"),
            revoke,
        ];
        let imported = vec![CategorySpell::imported(100001, "core", day(2026, 9, 1))];
        let spells = spells(imported, &decisions, &meetings);
        assert_eq!(at_end(&spells, autumn), "focused");
    }

    #[test]
    fn an_import_in_a_term_comes_before_that_terms_decisions() {
        let autumn = Term::new(2026, Season::Autumn);
        let meetings = [meeting(1, autumn, day(2026, 10, 1))];
        // A support file re-imported in December with an autumn date does not undo the
        // autumn meeting's decision; one dated in spring applies from spring.
        let imported = vec![
            CategorySpell::imported(100001, "core", day(2026, 12, 1)),
            CategorySpell::imported(100001, "enhanced", day(2027, 1, 10)),
        ];
        let spells = spells(imported, &[recategorise(1, 1, "focused")], &meetings);
        let at_term = |t: Term| {
            at(&spells, RecordPosition::end_of(t))
                .unwrap()
                .category
                .clone()
        };
        assert_eq!(at_term(autumn), "focused");
        assert_eq!(at_term(autumn.next()), "enhanced");
    }
}
