//! Building a meeting's minutes from the record: who was there, matters arising, every
//! decision with what revoked it, the categories and capacity before and after (read from
//! the record's order, as the screen reads them), the agenda not reached. `minutes/` only
//! renders what this builds. Everything is ordered (by decision id, config order, URN) so
//! the output is deterministic.

use super::meeting_agenda;
use crate::actions::matters::{Deferral, MattersArising};
use crate::actions::ActionItem;
use crate::config::Config;
use crate::dataset::Dataset;
use crate::minutes::model::{
    AgendaRecord, CategoryCount, DecisionRecord, HeatRow, Heatmap, KindCount, MeetingRecord,
    Minutes, Summary, FORMAT_VERSION,
};
use crate::minutes::records::{ActionRecord, Circulation, DeferralRecord, MatterRecord};
use crate::model::DecisionContext;
use crate::model::{AgendaItem, Decision, DecisionKind, Meeting, RecordPosition, Urn};
use crate::policy::{self, TermAssessment};
use crate::store::meeting_details::MeetingDetails;
use std::collections::{HashMap, HashSet};

const KIND_ORDER: [DecisionKind; 5] = [
    DecisionKind::Recategorise,
    DecisionKind::Confirm,
    DecisionKind::Defer,
    DecisionKind::Note,
    DecisionKind::Revoke,
];

/// What the database holds about one meeting, gathered by the meeting service.
#[derive(Debug, Clone, PartialEq)]
pub struct HeldMeeting {
    pub meeting: Meeting,
    /// The meeting's decisions in the order recorded, revocations included.
    pub decisions: Vec<Decision>,
    /// Decisions (from any meeting) revoking one of this meeting's.
    pub revocations: Vec<Decision>,
    pub agenda_items: Vec<AgendaItem>,
    pub details: MeetingDetails,
    pub matters: MattersArising,
    /// The actions the meeting's decisions set, with their status now.
    pub actions: Vec<ActionItem>,
    /// What is kept beside the meeting's decisions (departures, supersessions,
    /// over-commitments), by decision id.
    pub contexts: HashMap<i64, DecisionContext>,
}

/// The minutes of one meeting, from the data and the policy's assessment of the meeting's
/// term it is given (`None` when the term has no scores). Loads nothing.
pub fn build(
    config: &Config,
    data: &Dataset,
    assessment: Option<&TermAssessment>,
    held: HeldMeeting,
    with_heatmap: bool,
) -> Minutes {
    let commitments = over_commitments(config, data, &held);
    let decisions = decision_records(data, &held, &commitments);
    let summary = summary(config, data, &held);
    let not_reached = not_reached(data, assessment, &held);
    let heatmap = with_heatmap.then(|| heatmap(data, assessment, &held.meeting.term.key()));
    let standing = standing(&held);
    let name = |urn: Urn| school_name(data, urn);
    let matters_arising = matters(held.meeting.id, &held.matters);
    let returning = returning(&held.matters);
    let actions = actions(&held.actions, &standing);
    let deferred = deferred(&standing, name);
    let details = held.details.clone();
    let meeting = held.meeting;
    Minutes {
        format_version: FORMAT_VERSION,
        circulation: circulation(config),
        matters_arising,
        returning,
        actions,
        deferred,
        meeting: MeetingRecord {
            id: meeting.id,
            term: meeting.term.key(),
            date: meeting.date.format("%Y-%m-%d").to_string(),
            chair: meeting.chair,
            attendees: meeting.attendees,
            opened_at: meeting.opened_at,
            closed_at: meeting.closed_at,
            apologies: details.apologies,
            next_meeting: details
                .next_meeting
                .map(|d| d.format("%Y-%m-%d").to_string()),
        },
        summary,
        decisions,
        not_reached,
        heatmap,
    }
}

/// The meeting's decisions that still stand: not revocations, not revoked.
fn standing(held: &HeldMeeting) -> Vec<&Decision> {
    held.decisions
        .iter()
        .filter(|d| d.kind != DecisionKind::Revoke)
        .filter(|d| !held.revocations.iter().any(|r| r.revokes == Some(d.id)))
        .collect()
}

fn school_name(data: &Dataset, urn: Urn) -> String {
    data.school_index(urn)
        .map(|i| data.schools[i].name.clone())
        .unwrap_or_default()
}

/// Every decision of the meeting, with what revoked it.
fn decision_records(
    data: &Dataset,
    held: &HeldMeeting,
    over_capacity: &HashMap<i64, String>,
) -> Vec<DecisionRecord> {
    let contexts = &held.contexts;
    let revocations: HashMap<i64, &Decision> = held
        .revocations
        .iter()
        .filter_map(|r| r.revokes.map(|id| (id, r)))
        .collect();
    held.decisions
        .iter()
        .map(|d| DecisionRecord {
            id: d.id,
            urn: d.urn,
            school: school_name(data, d.urn),
            kind: d.kind.key().to_string(),
            from_category: super::category_before(data, &held.meeting, d),
            to_category: d.to_category.clone(),
            rationale: d.rationale.clone(),
            actions: d.actions.clone(),
            owner: d.owner.clone(),
            due: d.due.map(|x| x.format("%Y-%m-%d").to_string()),
            recorded_by: d.recorded_by.clone(),
            recorded_at: d.recorded_at.clone(),
            revokes: d.revokes,
            policy_reasons: d
                .policy_reasons
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect(),
            revoked_by: revocations.get(&d.id).map(|r| r.id),
            revoked_reason: revocations.get(&d.id).map(|r| r.rationale.clone()),
            departure: contexts
                .get(&d.id)
                .and_then(|c| c.departure.clone())
                .unwrap_or_default(),
            supersedes: contexts.get(&d.id).and_then(|c| c.supersedes),
            over_capacity: over_capacity.get(&d.id).cloned().unwrap_or_default(),
        })
        .collect()
}

/// Counts of decisions and categories, and the capacity the categories imply, before the
/// meeting and after it.
fn summary(config: &Config, data: &Dataset, held: &HeldMeeting) -> Summary {
    let standing = standing(held);
    let discussed: HashSet<Urn> = standing.iter().map(|d| d.urn).collect();
    let decisions_by_kind = KIND_ORDER
        .iter()
        .map(|k| KindCount {
            kind: k.key().to_string(),
            count: standing.iter().filter(|d| d.kind == *k).count(),
        })
        .filter(|k| k.count > 0)
        .collect();
    let before = categories_as_of(data, RecordPosition::before_meeting(&held.meeting));
    let after = categories_as_of(data, RecordPosition::after_meeting(&held.meeting));
    let categories = count_categories(config, &before, &after);
    let cost_before = policy::capacity(config, data, &before);
    let cost_after = policy::capacity(config, data, &after);
    Summary {
        schools_discussed: discussed.len(),
        decisions_by_kind,
        revoked: held
            .decisions
            .iter()
            .filter(|d| held.revocations.iter().any(|r| r.revokes == Some(d.id)))
            .count(),
        categories,
        lama_hours_before: round2(cost_before.lama_hours_term),
        lama_hours_after: round2(cost_after.lama_hours_term),
        lama_hours_capacity: config.capacity.lama_hours_term,
        reviews_year_before: cost_before.reviews_year,
        reviews_year_after: cost_after.reviews_year,
        reviews_year_capacity: config.capacity.reviews_year,
    }
}

/// The meeting's agenda (as the screen walks it) less the schools a decision reached.
fn not_reached(
    data: &Dataset,
    assessment: Option<&TermAssessment>,
    held: &HeldMeeting,
) -> Vec<AgendaRecord> {
    let none = TermAssessment {
        term: held.meeting.term,
        schools: Vec::new(),
        agenda: Vec::new(),
    };
    let agenda = meeting_agenda(
        data,
        assessment.unwrap_or(&none),
        &held.agenda_items,
        &held.decisions,
    );
    let discussed: Vec<Urn> = held.decisions.iter().map(|d| d.urn).collect();
    agenda
        .not_reached(&discussed, data)
        .map(|e| {
            let reasons: Vec<String> = e.reasons().into_iter().map(|r| r.text).collect();
            AgendaRecord {
                urn: data.schools[e.school].urn,
                school: data.schools[e.school].name.clone(),
                reason: crate::model::sanitize_text(&reasons.join("; "), false),
                policy_reasons: assessment
                    .and_then(|a| a.schools.get(e.school))
                    .map(|a| a.reasons.iter().map(|r| r.sentence.clone()).collect())
                    .unwrap_or_default(),
            }
        })
        .collect()
}

/// Every school's category (dataset order) at a point in the record.
fn categories_as_of(data: &Dataset, at: RecordPosition) -> Vec<Option<String>> {
    (0..data.schools.len())
        .map(|i| data.category_as_of(i, at).map(|s| s.category.clone()))
        .collect()
}

/// The capacities each of the meeting's standing recategorisations took over what the
/// service has, in words, by decision id. Each is judged in the record's order from the
/// categories just before it, so decision k's "before" is decision k−1's "after", and the
/// last "after" is the summary's.
fn over_commitments(config: &Config, data: &Dataset, held: &HeldMeeting) -> HashMap<i64, String> {
    let m = &held.meeting;
    let mut out = HashMap::new();
    for d in standing(held) {
        if d.kind != DecisionKind::Recategorise {
            continue;
        }
        let Some(i) = data.school_index(d.urn) else {
            continue;
        };
        let just_before = RecordPosition::decision(m.term, m.date, m.id, d.id - 1);
        let categories = categories_as_of(data, just_before);
        let capacity = policy::capacity(config, data, &categories);
        let over: Vec<String> = policy::decision_budgets(
            config,
            &capacity,
            data.schools[i].maintained,
            categories[i].as_deref(),
            d.to_category.as_deref(),
        )
        .iter()
        .filter(|b| b.overspent_by_decision())
        .map(|b| b.describe())
        .collect();
        if !over.is_empty() {
            out.insert(d.id, over.join("; "));
        }
    }
    out
}

fn count_categories(
    config: &Config,
    before: &[Option<String>],
    after: &[Option<String>],
) -> Vec<CategoryCount> {
    let mut keys: Vec<String> = config.categories.iter().map(|c| c.key.clone()).collect();
    let mut unknown: Vec<String> = before
        .iter()
        .chain(after.iter())
        .map(|c| c.clone().unwrap_or_default())
        .filter(|k| !keys.contains(k))
        .collect();
    unknown.sort();
    unknown.dedup();
    keys.extend(unknown);
    let count = |list: &[Option<String>], key: &str| {
        list.iter()
            .filter(|c| c.as_deref().unwrap_or("") == key)
            .count()
    };
    keys.into_iter()
        .map(|k| CategoryCount {
            before: count(before, &k),
            after: count(after, &k),
            category: k,
        })
        .filter(|c| !(c.category.is_empty() && c.before == 0 && c.after == 0))
        .collect()
}

/// Two decimals are plenty for hours, and keep the TOML tidy.
fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The term's scores as the grid and the papers show them: the assessment's (a score a
/// banding rule derived from an indicator included), none when the term has no scores.
fn heatmap(data: &Dataset, assessment: Option<&TermAssessment>, term: &str) -> Heatmap {
    let rows = data
        .schools
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let a = assessment.and_then(|a| a.schools.get(i));
            HeatRow {
                urn: s.urn,
                school: s.name.clone(),
                scores: data
                    .teams
                    .iter()
                    .enumerate()
                    .filter_map(|(t, key)| Some((key.clone(), a?.scores.get(t)?.as_ref()?.value)))
                    .collect(),
                composite: a
                    .and_then(|a| a.composite.as_ref())
                    .map(|c| round2(c.value)),
            }
        })
        .collect();
    Heatmap {
        term: term.to_string(),
        teams: data.teams.clone(),
        rows,
    }
}

/// Who the minutes are from and for, as the configuration says.
fn circulation(config: &Config) -> Circulation {
    let m = &config.minutes;
    Circulation {
        authority: m.authority.clone(),
        marking: m.marking.clone(),
        venue: m.venue.clone(),
        distribution: m.distribution.clone(),
    }
}

fn day(d: Option<chrono::NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

fn matters(meeting_id: i64, m: &MattersArising) -> Vec<MatterRecord> {
    m.actions
        .iter()
        .map(|a| {
            let outcome = MattersArising::outcome(a, meeting_id);
            let reviewed_here = a.changed_at_meeting == Some(meeting_id)
                || outcome != crate::actions::matters::Outcome::Pending;
            MatterRecord {
                action: a.id,
                urn: a.urn,
                school: a.school.clone(),
                text: a.text.clone(),
                owner: a.owner.clone(),
                due: day(a.due),
                from_meeting: a.meeting_id,
                outcome: outcome.label().to_string(),
                note: if reviewed_here {
                    a.note.clone()
                } else {
                    String::new()
                },
            }
        })
        .collect()
}

fn deferral(d: &Deferral) -> DeferralRecord {
    DeferralRecord {
        decision: d.decision_id,
        meeting: d.meeting_id,
        urn: d.urn,
        school: d.school.clone(),
        revisit_by: day(d.revisit_by),
        reason: d.rationale.clone(),
    }
}

fn returning(m: &MattersArising) -> Vec<DeferralRecord> {
    m.deferred.iter().map(deferral).collect()
}

/// This meeting's standing deferrals (revoked ones are only in the Revoked section).
fn deferred(standing: &[&Decision], name: impl Fn(Urn) -> String) -> Vec<DeferralRecord> {
    standing
        .iter()
        .filter(|d| d.kind == DecisionKind::Defer)
        .map(|d| DeferralRecord {
            decision: d.id,
            meeting: d.meeting_id,
            urn: d.urn,
            school: name(d.urn),
            revisit_by: day(d.due),
            reason: d.rationale.clone(),
        })
        .collect()
}

/// The actions the meeting's standing decisions set (a revoked decision's are dropped).
fn actions(items: &[ActionItem], standing: &[&Decision]) -> Vec<ActionRecord> {
    items
        .iter()
        .filter(|a| standing.iter().any(|d| d.id == a.decision_id))
        .map(|a| ActionRecord {
            id: a.id,
            decision: a.decision_id,
            urn: a.urn,
            school: a.school.clone(),
            text: a.text.clone(),
            owner: a.owner.clone(),
            due: day(a.due),
        })
        .collect()
}
