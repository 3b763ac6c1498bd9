//! The meeting's agenda, worked out in one place for the screen and the minutes: the
//! policy's agenda for the term, the schools the meeting added by hand, and which of them
//! the meeting has decided.

use super::effective;
use crate::dataset::Dataset;
use crate::model::{AgendaItem, Decision, DecisionKind, Urn};
use crate::policy::{AgendaReason, TermAssessment};

/// One school on the agenda, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct AgendaEntry {
    /// Index into `data.schools`.
    pub school: usize,
    /// The policy's reasons, most urgent first (empty when only added by hand).
    pub policy: Vec<AgendaReason>,
    /// Why the meeting added the school by hand, in the order added.
    pub added: Vec<String>,
}

impl AgendaEntry {
    /// On the agenda for decision (added by hand, or a policy reason asking for one), not
    /// only for information.
    pub fn for_decision(&self) -> bool {
        !self.added.is_empty() || self.policy.iter().any(AgendaReason::for_decision)
    }

    /// Every reason as the screen lists it: the policy's, then each hand-added one.
    pub fn reasons(&self) -> Vec<AgendaReason> {
        let mut out = self.policy.clone();
        out.extend(self.added.iter().map(|r| AgendaReason {
            urgency: crate::policy::URGENCY_BY_HAND,
            text: format!("added by hand: {r}"),
        }));
        out
    }

    /// One line for the minutes: the chair's own words when the school was added by hand,
    /// otherwise the policy's reasons.
    pub fn summary(&self) -> String {
        match self.added.first() {
            Some(reason) => reason.clone(),
            None => self
                .policy
                .iter()
                .map(|r| r.text.as_str())
                .collect::<Vec<_>>()
                .join("; "),
        }
    }
}

fn discussed() -> AgendaReason {
    AgendaReason {
        urgency: 0,
        text: "discussed in this meeting".into(),
    }
}

/// The agenda of one meeting, in the order the room walks it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MeetingAgenda {
    pub entries: Vec<AgendaEntry>,
    /// Per school (index into `data.schools`): the kind of its standing decision in the
    /// meeting, if it has one.
    pub decided: Vec<Option<DecisionKind>>,
    /// Standing decisions recorded in the meeting.
    pub recorded: usize,
}

/// The meeting's agenda: the policy's agenda in `assessment` (most urgent first), then the
/// schools added by hand (`items`, in the order added) that the policy did not put there.
/// `decisions` are the meeting's own; revoked ones do not count as decided.
pub fn meeting_agenda(
    data: &Dataset,
    assessment: &TermAssessment,
    items: &[AgendaItem],
    decisions: &[Decision],
) -> MeetingAgenda {
    // A school with no category yet is not an item of its own: together they are the one
    // item "Categories to establish" (`establish.rs`, the screen's `e`). Added by hand, it is.
    let to_establish = |school: usize| {
        assessment
            .schools
            .get(school)
            .is_some_and(|a| a.current_category.is_none())
    };
    let mut entries: Vec<AgendaEntry> = assessment
        .agenda
        .iter()
        .map(|&school| AgendaEntry {
            school,
            policy: assessment
                .schools
                .get(school)
                .map(|a| a.agenda.clone())
                .unwrap_or_default(),
            added: Vec::new(),
        })
        .collect();
    for item in items {
        let Some(school) = data.school_index(item.urn) else {
            continue;
        };
        match entries.iter_mut().find(|e| e.school == school) {
            Some(e) => e.added.push(item.reason.clone()),
            None => entries.push(AgendaEntry {
                school,
                policy: Vec::new(),
                added: vec![item.reason.clone()],
            }),
        }
    }
    entries.retain(|e| !e.added.is_empty() || !to_establish(e.school));
    let mut decided = vec![None; data.schools.len()];
    let standing = effective(decisions);
    for d in &standing {
        if let Some(i) = data.school_index(d.urn) {
            // A note does not hide a category decision or deferral standing beside it.
            if super::closes_item(d.kind) || decided[i].is_none() {
                decided[i] = Some(d.kind);
            }
        }
    }
    MeetingAgenda {
        entries,
        decided,
        recorded: standing.len(),
    }
}

impl MeetingAgenda {
    /// The schools in agenda order.
    pub fn order(&self) -> Vec<usize> {
        self.entries.iter().map(|e| e.school).collect()
    }

    /// True when the school's item is done: a category decision or a deferral stands (a
    /// note leaves the item open).
    pub fn is_decided(&self, school: usize) -> bool {
        self.decided
            .get(school)
            .copied()
            .flatten()
            .is_some_and(super::closes_item)
    }

    /// Items for decision not yet done: what the rest of the meeting's time is for.
    pub fn left_for_decision(&self) -> usize {
        self.entries
            .iter()
            .filter(|e| e.for_decision() && !self.is_decided(e.school))
            .count()
    }

    /// Schools with a standing decision that are not on the agenda were discussed: they go
    /// on the end.
    pub fn add_discussed(&mut self) {
        for (school, kind) in self.decided.iter().enumerate() {
            if kind.is_some() && !self.entries.iter().any(|e| e.school == school) {
                self.entries.push(AgendaEntry {
                    school,
                    policy: vec![discussed()],
                    added: Vec::new(),
                });
            }
        }
    }

    /// Order the agenda by the meeting's item numbers (`numbered`, item 1 first): numbered
    /// schools keep their numbers even when the policy no longer lists them (a
    /// recategorised school is no longer "suggestion differs"); schools without one follow.
    pub fn apply_numbers(&mut self, numbered: &[Urn], data: &Dataset) {
        let mut rest = std::mem::take(&mut self.entries);
        let mut order = Vec::with_capacity(numbered.len().max(rest.len()));
        for &urn in numbered {
            let Some(school) = data.school_index(urn) else {
                continue;
            };
            if order.iter().any(|e: &AgendaEntry| e.school == school) {
                continue;
            }
            match rest.iter().position(|e| e.school == school) {
                Some(p) => order.push(rest.remove(p)),
                None => order.push(AgendaEntry {
                    school,
                    policy: vec![AgendaReason {
                        urgency: 0,
                        text: "on this meeting's agenda".into(),
                    }],
                    added: Vec::new(),
                }),
            }
        }
        order.append(&mut rest);
        self.entries = order;
    }

    /// The entries no decision reached, in agenda order.
    pub fn not_reached<'a>(
        &'a self,
        discussed: &'a [Urn],
        data: &'a Dataset,
    ) -> impl Iterator<Item = &'a AgendaEntry> {
        self.entries
            .iter()
            .filter(move |e| !discussed.contains(&data.schools[e.school].urn))
    }

    /// Put the agenda back in the order the room first saw it (`previous`, by URN).
    /// Decisions change the policy's view (a recategorised school is no longer "suggestion
    /// differs"), but the meeting walks the agenda it started with: schools still on it,
    /// or decided in the meeting, keep their places; schools new to it follow.
    pub fn keep_order(&mut self, previous: &[Urn], data: &Dataset) {
        if previous.is_empty() {
            return;
        }
        let mut now = std::mem::take(&mut self.entries);
        let mut order = Vec::with_capacity(now.len());
        for &urn in previous {
            let Some(school) = data.school_index(urn) else {
                continue;
            };
            if order.iter().any(|e: &AgendaEntry| e.school == school) {
                continue;
            }
            match now.iter().position(|e| e.school == school) {
                Some(p) => order.push(now.remove(p)),
                None if self.is_decided(school) => order.push(AgendaEntry {
                    school,
                    policy: vec![AgendaReason {
                        urgency: 0,
                        text: "discussed in this meeting".into(),
                    }],
                    added: Vec::new(),
                }),
                None => {}
            }
        }
        order.append(&mut now);
        self.entries = order;
    }

    /// Lay the agenda over the policy's assessment, for the views that read it there: the
    /// agenda's order and every entry's reasons.
    pub fn apply_to(&self, assessment: &mut TermAssessment) {
        for e in &self.entries {
            if let Some(a) = assessment.schools.get_mut(e.school) {
                a.agenda = e.reasons();
            }
        }
        assessment.agenda = self.order();
    }
}
