//! A meeting's agenda in item-number order. The numbers are given when the meeting opens
//! (stored with it, so a restart and the printed papers agree); schools added later go on
//! the end. A category decision or a deferral closes an item; a note leaves it open.

use crate::dataset::Dataset;
use crate::model::{AgendaItem, DecisionKind, Urn};
use crate::policy::{AgendaReason, TermAssessment};

/// Where an agenda item stands in the meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemState {
    Open,
    /// A note was recorded; the item still needs its decision.
    Noted,
    /// A category decision (recategorise, confirm) or a deferral.
    Done,
}

impl ItemState {
    /// The state a school's standing decision leaves its item in.
    pub fn of(kind: Option<DecisionKind>) -> ItemState {
        match kind {
            Some(k) if closes_item(k) => ItemState::Done,
            Some(DecisionKind::Note) => ItemState::Noted,
            _ => ItemState::Open,
        }
    }
}

/// True for the decisions that finish an agenda item: a category decision, or a deferral
/// (which carries the school to the next meeting).
pub fn closes_item(kind: DecisionKind) -> bool {
    matches!(
        kind,
        DecisionKind::Recategorise | DecisionKind::Confirm | DecisionKind::Defer
    )
}

/// Put the schools the meeting added by hand on the agenda, after the policy's, each with
/// its reason.
pub fn add_hand_items(data: &Dataset, assessment: &mut TermAssessment, items: &[AgendaItem]) {
    for item in items {
        let Some(i) = data.school_index(item.urn) else {
            continue;
        };
        if let Some(a) = assessment.schools.get_mut(i) {
            a.agenda.push(AgendaReason {
                urgency: crate::policy::URGENCY_BY_HAND,
                text: format!("added by hand: {}", item.reason),
            });
        }
        if !assessment.agenda.contains(&i) {
            assessment.agenda.push(i);
        }
    }
}

/// Order the agenda by the meeting's item numbers (`numbered`, item 1 first): numbered
/// schools keep their numbers even when the policy no longer lists them (a recategorised
/// school is no longer "suggestion differs"); schools without a number follow.
pub fn apply_numbers(data: &Dataset, assessment: &mut TermAssessment, numbered: &[Urn]) {
    let mut placed = vec![false; data.schools.len()];
    let mut order = Vec::with_capacity(numbered.len().max(assessment.agenda.len()));
    for &urn in numbered {
        if let Some(i) = data.school_index(urn).filter(|&i| !placed[i]) {
            placed[i] = true;
            order.push(i);
        }
    }
    for &i in &assessment.agenda {
        if !placed[i] {
            placed[i] = true;
            order.push(i);
        }
    }
    for &i in &order {
        if let Some(a) = assessment.schools.get_mut(i) {
            if a.agenda.is_empty() {
                a.agenda.push(AgendaReason {
                    urgency: 0,
                    text: "on this meeting's agenda".into(),
                });
            }
        }
    }
    assessment.agenda = order;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_category_decisions_and_deferrals_close_an_item() {
        assert_eq!(ItemState::of(None), ItemState::Open);
        assert_eq!(ItemState::of(Some(DecisionKind::Note)), ItemState::Noted);
        assert_eq!(ItemState::of(Some(DecisionKind::Defer)), ItemState::Done);
        assert_eq!(ItemState::of(Some(DecisionKind::Confirm)), ItemState::Done);
        assert_eq!(
            ItemState::of(Some(DecisionKind::Recategorise)),
            ItemState::Done
        );
    }
}
