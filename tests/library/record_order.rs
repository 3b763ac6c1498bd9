//! The meeting's record over random histories: meetings held before, inside and after their
//! term and opened out of clock order, with recategorisations, confirmations, deferrals,
//! revocations and supersessions. After every step the views agree with a plain model of
//! the rule: a decision takes effect in its meeting's term and every later term; the record
//! is ordered by term, then meeting (by its day), then decision.

use crate::decisions_fixture::{config, fill, new, AMBER, BIRCH, CEDAR, DAMSON};
use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone};
use proptest::prelude::*;
use std::collections::BTreeMap;
use termly::config::Config;
use termly::meeting::minutes_of;
use termly::model::{DecisionKind, Meeting};
use termly::policy::{assess_term, capacity_at};
use termly::store::{load_dataset, Store};
use termly::term::{Season, Term};

const URNS: [u32; 4] = [AMBER, BIRCH, CEDAR, DAMSON];
const CATEGORIES: [&str; 5] = ["core", "focused", "enhanced", "intensive_a", "intensive_b"];

fn terms() -> [Term; 4] {
    let first = Term::new(2026, Season::Autumn);
    [
        first,
        first.next(),
        first.next().next(),
        first.next().next().next(),
    ]
}

/// When a meeting is held, relative to its term.
#[derive(Debug, Clone, Copy)]
enum When {
    Before,
    Inside,
    After,
}

#[derive(Debug, Clone)]
enum Step {
    /// Open (or resume) the meeting of a term, held on a day before, inside or after it.
    Open(usize, When),
    Recategorise(usize, usize, usize),
    Confirm(usize, usize),
    Defer(usize, usize),
    /// Revoke the n-th standing decision of the term's open meeting.
    Revoke(usize, usize),
    Close(usize),
}

fn step() -> impl Strategy<Value = Step> {
    let when = prop_oneof![Just(When::Before), Just(When::Inside), Just(When::After)];
    prop_oneof![
        (0..4usize, when).prop_map(|(t, w)| Step::Open(t, w)),
        (0..4usize, 0..4usize, 0..5usize).prop_map(|(t, s, c)| Step::Recategorise(t, s, c)),
        (0..4usize, 0..4usize, 0..5usize).prop_map(|(t, s, c)| Step::Recategorise(t, s, c)),
        (0..4usize, 0..4usize).prop_map(|(t, s)| Step::Confirm(t, s)),
        (0..4usize, 0..4usize).prop_map(|(t, s)| Step::Defer(t, s)),
        (0..4usize, 0..3usize).prop_map(|(t, n)| Step::Revoke(t, n)),
        (0..4usize).prop_map(Step::Close),
    ]
}

fn day(term: Term, when: When) -> NaiveDate {
    match when {
        When::Before => term.start_date() - Duration::days(12),
        When::Inside => term.start_date() + Duration::days(30),
        When::After => term.end_date() + Duration::days(20),
    }
}

/// The clock: steps are typed a minute apart, on a fixed day that has nothing to do with
/// the meetings' terms.
fn clock(n: usize) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(0)
        .unwrap()
        .with_ymd_and_hms(2027, 3, 1, 9, 0, 0)
        .unwrap()
        + Duration::minutes(n as i64)
}

/// A store with the four fictional schools and a score for every school in every term.
fn record_store() -> Store {
    let store = Store::open_in_memory().unwrap();
    fill(&store);
    let mut sql = String::new();
    for t in &terms()[1..] {
        for urn in URNS {
            sql.push_str(&format!(
                "INSERT INTO scores (term, team, urn, score, comment) VALUES ('{}', 'finance', {urn}, 2, '');",
                t.key()
            ));
        }
    }
    store.test_db().execute_batch(&sql).unwrap();
    store
}

/// The rule, written out plainly: a school's category at `term` is its latest standing
/// recategorisation by (term, meeting day, meeting number, decision number) in a term up
/// to `term`, else its latest import dated in a term up to `term`.
fn model_category(store: &Store, urn: u32, term: Term) -> Option<String> {
    let meetings: BTreeMap<i64, Meeting> = store
        .meetings()
        .unwrap()
        .into_iter()
        .map(|m| (m.id, m))
        .collect();
    let decisions = store.decisions_for_school(urn).unwrap();
    let revoked: Vec<i64> = decisions.iter().filter_map(|d| d.revokes).collect();
    let decided = decisions
        .iter()
        .filter(|d| d.kind == DecisionKind::Recategorise && !revoked.contains(&d.id))
        .map(|d| (&meetings[&d.meeting_id], d))
        .filter(|(m, _)| m.term <= term)
        .max_by_key(|(m, d)| (m.term, m.date, m.id, d.id))
        .map(|(m, d)| (m.term, d.to_category.clone()));
    let imported = store
        .imported_categories(urn)
        .unwrap()
        .into_iter()
        .filter(|s| Term::containing(s.since) <= term)
        .max_by_key(|s| s.since)
        .map(|s| (Term::containing(s.since), Some(s.category)));
    match (decided, imported) {
        // Within a term the meeting's decision comes after the import.
        (Some(d), Some(i)) if i.0 > d.0 => i.1,
        (Some(d), _) => d.1,
        (None, i) => i.and_then(|i| i.1),
    }
}

/// LaMA hours a term the model's categories cost at `term`.
fn model_hours(config: &Config, store: &Store, term: Term) -> f64 {
    URNS.iter()
        .filter_map(|urn| model_category(store, *urn, term))
        .filter_map(|k| config.category(&k).map(|c| c.lama_hours_per_term()))
        .sum()
}

struct World {
    store: Store,
    config: Config,
    /// The open meeting of each term, if any.
    open: [Option<Meeting>; 4],
    typed: usize,
}

impl World {
    fn apply(&mut self, s: &Step) {
        self.typed += 1;
        let now = clock(self.typed);
        let terms = terms();
        match *s {
            Step::Open(t, when) => {
                let m = self
                    .store
                    .open_or_resume_meeting(terms[t], day(terms[t], when), "Chair", &[], now)
                    .unwrap();
                self.open[t] = Some(m);
            }
            Step::Recategorise(t, s, c) => {
                let Some(m) = &self.open[t] else { return };
                let mut d = new(
                    m.id,
                    URNS[s],
                    DecisionKind::Recategorise,
                    Some(CATEGORIES[c]),
                    "why",
                );
                d.recorded_by = "Chair".into();
                // Refused only when the school is already in that category.
                if let Err(e) =
                    termly::meeting::record_decision(&mut self.store, &self.config, d, now)
                {
                    assert!(e.to_string().contains("already"), "{e}");
                }
            }
            Step::Confirm(t, s) => self.record(t, s, DecisionKind::Confirm, now),
            Step::Defer(t, s) => self.record(t, s, DecisionKind::Defer, now),
            Step::Revoke(t, n) => {
                let Some(m) = &self.open[t] else { return };
                let standing =
                    termly::meeting::effective(&self.store.decisions_for_meeting(m.id).unwrap());
                if let Some(target) = standing.get(n) {
                    termly::meeting::revoke(
                        &mut self.store,
                        target.id,
                        "recorded in error",
                        "Chair",
                        m.id,
                        now,
                    )
                    .unwrap();
                }
            }
            Step::Close(t) => {
                if let Some(m) = self.open[t].take() {
                    self.store.close_meeting(m.id, now).unwrap();
                }
            }
        }
    }

    /// A confirmation or deferral in the term's open meeting.
    fn record(&mut self, t: usize, s: usize, kind: DecisionKind, now: DateTime<FixedOffset>) {
        let Some(m) = &self.open[t] else { return };
        let d = new(m.id, URNS[s], kind, None, "noted");
        termly::meeting::record_decision(&mut self.store, &self.config, d, now).unwrap();
    }

    fn check(&self, after: &Step) {
        let data = load_dataset(&self.store, &self.config.team_keys()).unwrap();
        let meetings = self.store.meetings().unwrap();
        for term in terms() {
            let want_hours = model_hours(&self.config, &self.store, term);
            // The header reads capacity_at; the grid the assessment's category.
            let header = capacity_at(&self.config, &data, term).lama_hours_term;
            assert!(
                (header - want_hours).abs() < 1e-6,
                "{after:?}: {term} header {header}, model {want_hours}"
            );
            let i = data.term_index(term).unwrap();
            let grid = assess_term(&self.config, &data, i, term.start_date());
            for (s, urn) in URNS.iter().enumerate() {
                let school = data.school_index(*urn).unwrap();
                assert_eq!(
                    grid.schools[school].current_category,
                    model_category(&self.store, *urn, term),
                    "{after:?}: school {s} in {term}'s grid"
                );
            }
            // The minutes of the term's last meeting: their "after" is the header's, and
            // their "before" plus the meeting's deltas is their "after".
            let Some(last) = meetings
                .iter()
                .filter(|m| m.term == term)
                .max_by_key(|m| (m.date, m.id))
            else {
                continue;
            };
            let minutes = minutes_of(&self.config, &self.store, last.id, false).unwrap();
            let round = |x: f64| (x * 100.0).round() / 100.0;
            assert_eq!(
                minutes.summary.lama_hours_after,
                round(header),
                "{after:?}: minutes of {term}"
            );
            let delta: f64 = minutes
                .decisions
                .iter()
                .filter(|d| d.kind == "recategorise" && d.revoked_by.is_none())
                .map(|d| cost(&self.config, &d.to_category) - cost(&self.config, &d.from_category))
                .sum();
            assert!(
                (minutes.summary.lama_hours_before + delta - minutes.summary.lama_hours_after)
                    .abs()
                    < 0.02,
                "{after:?}: {term} before {} + deltas {delta} ≠ after {}",
                minutes.summary.lama_hours_before,
                minutes.summary.lama_hours_after
            );
        }
        // `history` lists every decision in term order, each with its term and the day
        // its meeting was held.
        for urn in URNS {
            let text = termly::commands::history::render(
                &self.config,
                &self.store,
                urn,
                false,
                clock(0).date_naive(),
            )
            .unwrap();
            let lines: Vec<&str> = text
                .split("Decisions (in term order)\n")
                .nth(1)
                .unwrap()
                .lines()
                .take_while(|l| !l.is_empty())
                .filter(|l| l.trim_start().starts_with('#'))
                .collect();
            let mut seen_terms = Vec::new();
            for l in &lines {
                let term = terms()
                    .into_iter()
                    .find(|t| l.contains(&t.to_string()))
                    .expect(l);
                assert!(l.contains(" held "), "{l}");
                seen_terms.push(term);
            }
            assert!(
                seen_terms.windows(2).all(|w| w[0] <= w[1]),
                "{after:?}: {text}"
            );
        }
    }
}

fn cost(config: &Config, key: &Option<String>) -> f64 {
    key.as_deref()
        .and_then(|k| config.category(k))
        .map_or(0.0, |c| c.lama_hours_per_term())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    #[test]
    fn every_view_agrees_with_the_record_order(steps in prop::collection::vec(step(), 6..24)) {
        let mut world = World {
            store: record_store(),
            config: config(std::path::Path::new(".")),
            open: Default::default(),
            typed: 0,
        };
        for s in &steps {
            world.apply(s);
            world.check(s);
        }
    }
}
