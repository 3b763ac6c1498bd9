//! The content of a meeting's minutes, gathered from the store once and then written as
//! Markdown or TOML. The TOML form is these structs serialised, so it reads back as is.
//! Everything is ordered (by decision id, config order, URN) so output is deterministic.

use super::MinutesError;
use crate::config::Config;
use crate::dataset::Dataset;
use crate::model::{DecisionKind, Urn};
use crate::policy;
use crate::store::{load_dataset, Store};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Minutes {
    pub format_version: u32,
    pub meeting: MeetingRecord,
    pub summary: Summary,
    #[serde(default)]
    pub decisions: Vec<DecisionRecord>,
    /// Schools on the agenda that no decision reached.
    #[serde(default)]
    pub not_reached: Vec<AgendaRecord>,
    #[serde(default)]
    pub heatmap: Option<Heatmap>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingRecord {
    pub id: i64,
    /// `2026-27-autumn`.
    pub term: String,
    /// `yyyy-mm-dd`.
    pub date: String,
    pub chair: String,
    pub attendees: Vec<String>,
    pub opened_at: String,
    pub closed_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    pub schools_discussed: usize,
    /// Decisions recorded, per kind (only kinds that occur, in kind order).
    pub decisions_by_kind: Vec<KindCount>,
    /// Schools per category before the meeting's decisions and after them.
    pub categories: Vec<CategoryCount>,
    pub lama_hours_before: f64,
    pub lama_hours_after: f64,
    pub lama_hours_capacity: f64,
    /// One-day reviews a year the categories imply, and what the service can run.
    pub reviews_year_before: u32,
    pub reviews_year_after: u32,
    pub reviews_year_capacity: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindCount {
    pub kind: String,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryCount {
    /// Category key; empty for schools with no category.
    pub category: String,
    pub before: usize,
    pub after: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionRecord {
    pub id: i64,
    pub urn: Urn,
    pub school: String,
    pub kind: String,
    pub from_category: Option<String>,
    pub to_category: Option<String>,
    pub rationale: String,
    pub actions: String,
    pub owner: String,
    pub due: Option<String>,
    pub recorded_by: String,
    pub recorded_at: String,
    /// For a revocation: the decision it revokes.
    pub revokes: Option<i64>,
    pub policy_reasons: Vec<String>,
    /// Set when a later decision revoked this one.
    pub revoked_by: Option<i64>,
    pub revoked_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgendaRecord {
    pub urn: Urn,
    pub school: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Heatmap {
    pub term: String,
    /// Team keys in column order.
    pub teams: Vec<String>,
    pub rows: Vec<HeatRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeatRow {
    pub urn: Urn,
    pub school: String,
    /// Team key → score; teams without a score are left out.
    pub scores: BTreeMap<String, u8>,
}

const KIND_ORDER: [DecisionKind; 5] = [
    DecisionKind::Recategorise,
    DecisionKind::Confirm,
    DecisionKind::Defer,
    DecisionKind::Note,
    DecisionKind::Revoke,
];

/// The schools the policy put on the meeting's agenda, most urgent first, with why. Judged
/// as on the meeting's date, so the same meeting always gives the same minutes.
fn policy_agenda(
    config: &Config,
    data: &crate::dataset::Dataset,
    meeting: &crate::model::Meeting,
) -> Vec<(Urn, String)> {
    let Some(term_idx) = data.term_index(meeting.term) else {
        return Vec::new();
    };
    let assessment = policy::assess_term(config, data, term_idx, meeting.date);
    assessment
        .agenda
        .iter()
        .map(|&i| {
            let why: Vec<&str> = assessment.schools[i]
                .agenda
                .iter()
                .map(|r| r.text.as_str())
                .collect();
            (data.schools[i].urn, why.join("; "))
        })
        .collect()
}

/// Gather the minutes of one meeting. Schools on its agenda (added by hand, listed in
/// `extra_agenda`, or put there by the policy) that no decision reached are listed as such.
pub fn build(
    config: &Config,
    store: &Store,
    meeting_id: i64,
    extra_agenda: &[(Urn, String)],
    with_heatmap: bool,
) -> Result<Minutes, MinutesError> {
    let meeting = store.meeting(meeting_id)?;
    let teams: Vec<String> = config.teams.iter().map(|t| t.key.clone()).collect();
    let data = load_dataset(store, &teams)?;
    let names: BTreeMap<Urn, String> = data
        .schools
        .iter()
        .map(|s| (s.urn, s.name.clone()))
        .collect();
    let name = |urn: Urn| names.get(&urn).cloned().unwrap_or_default();
    let decisions = store.decisions_for_meeting(meeting_id)?;
    let revocations: HashMap<i64, crate::model::Decision> = store
        .revocations_for_meeting(meeting_id)?
        .into_iter()
        .filter_map(|r| r.revokes.map(|id| (id, r)))
        .collect();

    let records: Vec<DecisionRecord> = decisions
        .iter()
        .map(|d| DecisionRecord {
            id: d.id,
            urn: d.urn,
            school: name(d.urn),
            kind: d.kind.key().to_string(),
            from_category: d.from_category.clone(),
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
        })
        .collect();

    let discussed: HashSet<Urn> = decisions.iter().map(|d| d.urn).collect();
    let decisions_by_kind = KIND_ORDER
        .iter()
        .map(|k| KindCount {
            kind: k.key().to_string(),
            count: decisions.iter().filter(|d| d.kind == *k).count(),
        })
        .filter(|k| k.count > 0)
        .collect();

    let (before, after) = categories_around(store, meeting_id, &names)?;
    let categories = count_categories(config, &before, &after);
    // `before`/`after` are keyed by URN, so their values are in dataset (URN) order.
    let cost_before =
        policy::capacity(config, &data, &before.values().cloned().collect::<Vec<_>>());
    let cost_after = policy::capacity(config, &data, &after.values().cloned().collect::<Vec<_>>());
    let summary = Summary {
        schools_discussed: discussed.len(),
        decisions_by_kind,
        categories,
        lama_hours_before: round2(cost_before.lama_hours_term),
        lama_hours_after: round2(cost_after.lama_hours_term),
        lama_hours_capacity: config.capacity.lama_hours_term,
        reviews_year_before: cost_before.reviews_year,
        reviews_year_after: cost_after.reviews_year,
        reviews_year_capacity: config.capacity.reviews_year,
    };

    let mut not_reached: Vec<AgendaRecord> = Vec::new();
    let agenda = store.agenda_items(meeting_id)?;
    let listed = agenda
        .iter()
        .map(|a| (a.urn, a.reason.clone()))
        .chain(extra_agenda.iter().cloned())
        .chain(policy_agenda(config, &data, &meeting));
    for (urn, reason) in listed {
        if discussed.contains(&urn) || not_reached.iter().any(|a| a.urn == urn) {
            continue;
        }
        not_reached.push(AgendaRecord {
            urn,
            school: name(urn),
            reason: crate::model::sanitize_text(&reason, false),
        });
    }

    let heatmap = if with_heatmap {
        Some(heatmap(&data, &meeting.term.key()))
    } else {
        None
    };

    Ok(Minutes {
        format_version: FORMAT_VERSION,
        meeting: super::model::MeetingRecord {
            id: meeting.id,
            term: meeting.term.key(),
            date: meeting.date.format("%Y-%m-%d").to_string(),
            chair: meeting.chair,
            attendees: meeting.attendees,
            opened_at: meeting.opened_at,
            closed_at: meeting.closed_at,
        },
        summary,
        decisions: records,
        not_reached,
        heatmap,
    })
}

type Categories = BTreeMap<Urn, Option<String>>;

/// Each school's category before the meeting (imports and earlier meetings' decisions) and
/// after it (the same plus this meeting's decisions, revocations included).
fn categories_around(
    store: &Store,
    meeting_id: i64,
    names: &BTreeMap<Urn, String>,
) -> Result<(Categories, Categories), MinutesError> {
    let mut before: Categories = names.keys().map(|u| (*u, None)).collect();
    let mut after = before.clone();
    let mut stmt = store
        .conn
        .prepare_cached(
            "SELECT h.urn, h.category, d.meeting_id FROM category_history h
             LEFT JOIN decisions d ON d.id = h.decision_id ORDER BY h.urn, h.id",
        )
        .map_err(|e| store.err(e))?;
    let mut rows = stmt.query([]).map_err(|e| store.err(e))?;
    while let Some(r) = rows.next().map_err(|e| store.err(e))? {
        let urn: Urn = r.get(0).map_err(|e| store.err(e))?;
        let category: String = r.get(1).map_err(|e| store.err(e))?;
        let meeting: Option<i64> = r.get(2).map_err(|e| store.err(e))?;
        if !names.contains_key(&urn) {
            continue;
        }
        if meeting.is_none_or(|m| m < meeting_id) {
            before.insert(urn, Some(category.clone()));
        }
        if meeting.is_none_or(|m| m <= meeting_id) {
            after.insert(urn, Some(category));
        }
    }
    Ok((before, after))
}

fn count_categories(
    config: &Config,
    before: &Categories,
    after: &Categories,
) -> Vec<CategoryCount> {
    let mut keys: Vec<String> = config.categories.iter().map(|c| c.key.clone()).collect();
    let mut unknown: Vec<String> = before
        .values()
        .chain(after.values())
        .map(|c| c.clone().unwrap_or_default())
        .filter(|k| !keys.contains(k))
        .collect();
    unknown.sort();
    unknown.dedup();
    keys.extend(unknown);
    let count = |map: &Categories, key: &str| {
        map.values()
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

fn heatmap(data: &Dataset, term: &str) -> Heatmap {
    let slot = data.terms.iter().position(|t| t.term.key() == term);
    let rows = data
        .schools
        .iter()
        .enumerate()
        .map(|(i, s)| HeatRow {
            urn: s.urn,
            school: s.name.clone(),
            scores: data
                .teams
                .iter()
                .enumerate()
                .filter_map(|(t, key)| Some((key.clone(), data.score(slot?, i, t)?)))
                .collect(),
        })
        .collect();
    Heatmap {
        term: term.to_string(),
        teams: data.teams.clone(),
        rows,
    }
}
