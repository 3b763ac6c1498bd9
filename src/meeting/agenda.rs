//! The meeting's agenda, worked out in one place for the screen and the minutes: the
//! policy's agenda for the term, the schools the meeting added by hand, and which of them
//! the meeting has decided.

use crate::dataset::Dataset;
use crate::model::{AgendaItem, Decision, DecisionKind, Urn};
use crate::policy::{AgendaReason, TermAssessment};
use crate::store::decisions::effective;

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
    /// Every reason as the screen lists it: the policy's, then each hand-added one.
    pub fn reasons(&self) -> Vec<AgendaReason> {
        let mut out = self.policy.clone();
        out.extend(self.added.iter().map(|r| AgendaReason {
            urgency: 0,
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
    let mut decided = vec![None; data.schools.len()];
    let standing = effective(decisions);
    for d in &standing {
        if let Some(i) = data.school_index(d.urn) {
            decided[i] = Some(d.kind);
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

    /// True when the school has a standing decision in the meeting.
    pub fn is_decided(&self, school: usize) -> bool {
        self.decided.get(school).is_some_and(|d| d.is_some())
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
