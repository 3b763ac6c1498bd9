//! A first meeting's triage: the schools with no support category yet are one agenda item,
//! "Categories to establish (N)", not N items for decision. The chair sees them as a list,
//! each with its starting category (the policy's suggestion where it has one, otherwise
//! the lowest category) and why, and records them in one step: each is still a decision of
//! its own in the record, carrying the policy's reasons.

use super::effective;
use super::MeetingService;
use crate::config::Config;
use crate::dataset::Dataset;
use crate::model::Urn;
use crate::model::{Decision, DecisionKind, Meeting, NewDecision};
use crate::policy::TermAssessment;
use crate::store::decisions::DecisionError;
use std::collections::HashSet;

/// One school whose category the meeting establishes.
#[derive(Debug, Clone, PartialEq)]
pub struct ToEstablish {
    /// Index into `data.schools`.
    pub school: usize,
    /// The starting category's key.
    pub category: String,
    /// Why this category: the policy's reasons, or that none applies.
    pub reason: String,
}

/// The schools with no category yet (none recorded, and no category decision standing), in
/// register order, each with its starting category.
pub fn categories_to_establish(
    config: &Config,
    data: &Dataset,
    assessment: &TermAssessment,
) -> Vec<ToEstablish> {
    let decided: HashSet<Urn> = effective(&data.decisions)
        .into_iter()
        .filter(|d| matches!(d.kind, DecisionKind::Recategorise | DecisionKind::Confirm))
        .map(|d| d.urn)
        .collect();
    let lowest = config
        .categories
        .iter()
        .min_by_key(|c| c.level)
        .map(|c| c.key.clone())
        .unwrap_or_default();
    assessment
        .schools
        .iter()
        .enumerate()
        .filter(|(i, a)| {
            a.current_category.is_none()
                && data
                    .schools
                    .get(*i)
                    .is_some_and(|s| !decided.contains(&s.urn))
        })
        .map(|(school, a)| match &a.suggestion {
            Some(s) => ToEstablish {
                school,
                category: s.category.clone(),
                reason: a
                    .reasons
                    .iter()
                    .map(|r| r.sentence.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
            },
            None => ToEstablish {
                school,
                category: lowest.clone(),
                reason: format!(
                    "no rule applies: starts in {}",
                    config.category_label(&lowest)
                ),
            },
        })
        .collect()
}

/// The agenda without the schools to establish (they are one item of their own).
pub fn without_establishing(agenda: &[usize], establishing: &[ToEstablish]) -> Vec<usize> {
    agenda
        .iter()
        .copied()
        .filter(|i| !establishing.iter().any(|e| e.school == *i))
        .collect()
}

/// Record every starting category in `meeting`, one decision per school, through the same
/// path as any decision (each carries the policy's reasons). Stops at the first refusal;
/// the decisions already recorded stand, and running it again records the rest.
pub fn establish_categories(
    service: &mut MeetingService,
    meeting: &Meeting,
    data: &Dataset,
    assessment: &TermAssessment,
    establishing: &[ToEstablish],
    recorded_by: &str,
) -> Result<Vec<Decision>, DecisionError> {
    let mut saved = Vec::with_capacity(establishing.len());
    for e in establishing {
        let decision = NewDecision {
            urn: data.schools[e.school].urn,
            kind: Some(DecisionKind::Recategorise),
            to_category: Some(e.category.clone()),
            rationale: format!("starting category: {}", e.reason),
            recorded_by: recorded_by.to_string(),
            ..NewDecision::default()
        };
        saved.push(service.record(meeting, decision, data, assessment)?);
    }
    Ok(saved)
}
