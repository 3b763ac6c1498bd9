//! The meeting on the screen: opening or resuming it (asking for the chair when none was
//! given), closing it behind a confirm step, hand-added agenda items, the decided marks the
//! grid shows, agenda progress, and exporting the minutes.

use super::app::{App, MeetingInfo};
use super::decide::{Popup, PromptKind};
use super::forms::{FieldId, FieldSpec, Prompt};
use crate::model::{AgendaItem, DecisionKind, Urn};
use crate::policy::AgendaReason;
use crate::store::decisions::effective;

const START_FIELDS: [FieldSpec; 2] = [
    FieldSpec::new(FieldId::Chair, "Chair", true, false),
    FieldSpec::new(
        FieldId::Attendees,
        "Attendees (comma-separated)",
        false,
        false,
    ),
];

const AGENDA_FIELDS: [FieldSpec; 1] = [FieldSpec::new(FieldId::Reason, "Reason", true, false)];

/// The grid's mark for a school's standing decision in the open meeting.
pub fn decision_glyph(kind: DecisionKind) -> &'static str {
    match kind {
        DecisionKind::Confirm => "✓",
        DecisionKind::Recategorise => "»",
        DecisionKind::Defer => "‖",
        DecisionKind::Note => "✎",
        DecisionKind::Revoke => "",
    }
}

/// Meeting state derived from the database on every reload.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MeetingState {
    /// Per school (index into `data.schools`): the latest standing decision's kind.
    pub decided: Vec<Option<DecisionKind>>,
    /// Standing decisions recorded in the open meeting.
    pub recorded: usize,
    /// Schools added to the agenda by hand.
    pub added: Vec<AgendaItem>,
    /// The agenda's order as the meeting first saw it. Decisions change the policy's view
    /// (a recategorised school is no longer "suggestion differs"), but the room walks the
    /// agenda it started with: kept across reloads, new entries go on the end.
    pub agenda_order: Vec<Urn>,
}

impl App {
    /// The open meeting's id, when there is one.
    pub fn meeting_id(&self) -> Option<i64> {
        self.meeting.as_ref().and_then(|m| m.id)
    }

    /// Resume the term's open meeting, or open one with `chair`; with no chair and no open
    /// meeting, ask on the screen (viewing works meanwhile). A read-only database only
    /// shows an open meeting.
    pub fn start_meeting(&mut self, chair: Option<&str>, attendees: &[String]) {
        let Some(store) = self.store.as_mut() else {
            return;
        };
        let open = match store.open_meeting(self.term) {
            Ok(m) => m,
            Err(e) => {
                self.status.error = Some(format!("cannot read meetings: {e}"));
                return;
            }
        };
        let read_only = store.is_read_only();
        match (open, chair.filter(|c| !c.trim().is_empty())) {
            (Some(_), _) => self.open_meeting_now("", &[]).unwrap_or_else(|e| {
                self.status.error = Some(e);
            }),
            (None, _) if read_only => {
                self.status.message = "read-only database: view only".into();
            }
            (None, Some(chair)) => {
                if let Err(e) = self.open_meeting_now(chair, attendees) {
                    self.status.error = Some(e);
                }
            }
            (None, None) => self.ask_for_chair(),
        }
    }

    /// Show the start-of-meeting prompt (chair required, attendees optional).
    pub(crate) fn ask_for_chair(&mut self) {
        let intro = vec![
            format!("Open the {} meeting.", self.term),
            "Decisions are recorded under the chair's name.".into(),
        ];
        self.popup = Some(Popup::Prompt(
            PromptKind::StartMeeting,
            Prompt::with_fields("Start the meeting", intro, &START_FIELDS),
        ));
    }

    /// Open or resume in the database, take a backup, and show it. Err is the message.
    pub(crate) fn open_meeting_now(
        &mut self,
        chair: &str,
        attendees: &[String],
    ) -> Result<(), String> {
        let store = self.store.as_mut().ok_or("no database")?;
        let now = chrono::Local::now().fixed_offset();
        let resumed = matches!(store.open_meeting(self.term), Ok(Some(_)));
        let m = store
            .open_or_resume_meeting(self.term, self.today, chair, attendees, now)
            .map_err(|e| e.to_string())?;
        self.meeting = Some(MeetingInfo {
            id: Some(m.id),
            chair: m.chair.clone(),
            attendees: m.attendees.clone(),
        });
        let backup = match crate::store::backup::auto_backup(&self.config, store) {
            Ok(path) => format!("backup {}", path.display()),
            Err(e) => format!("backup failed: {e}"),
        };
        self.reload();
        self.status.message = format!(
            "{} meeting #{} (chair {}) · {backup}",
            if resumed { "resumed" } else { "opened" },
            m.id,
            m.chair
        );
        Ok(())
    }

    /// Ask before closing: closing makes the meeting's decisions final.
    pub(crate) fn ask_close_meeting(&mut self) {
        let Some(id) = self.meeting_id() else {
            self.status.message = "no meeting is open".into();
            return;
        };
        let m = &self.meeting_state;
        let intro = vec![
            format!(
                "Close meeting #{id}? Its {} decision(s) become final.",
                m.recorded
            ),
            "The minutes are written; a new start opens a new meeting.".into(),
        ];
        self.popup = Some(Popup::Prompt(
            PromptKind::CloseMeeting,
            Prompt::confirm("Close the meeting", intro),
        ));
    }

    pub(crate) fn close_meeting_now(&mut self) -> Result<(), String> {
        let id = self.meeting_id().ok_or("no meeting is open")?;
        let store = self.store.as_mut().ok_or("no database")?;
        store
            .close_meeting(id, chrono::Local::now().fixed_offset())
            .map_err(|e| e.to_string())?;
        let minutes = self.write_minutes(id);
        self.meeting = None;
        self.reload();
        self.status.message = format!("meeting #{id} closed; its decisions are final · {minutes}");
        Ok(())
    }

    /// Ask for the reason a school is added to the agenda.
    pub(crate) fn ask_agenda_reason(&mut self) {
        let Some(i) = self.selected() else {
            self.status.message = "no school selected".into();
            return;
        };
        let s = &self.data.schools[i];
        let intro = vec![format!("Add {} (URN {}) to the agenda.", s.name, s.urn)];
        self.popup = Some(Popup::Prompt(
            PromptKind::AddToAgenda(s.urn),
            Prompt::with_fields("Add to the agenda", intro, &AGENDA_FIELDS),
        ));
    }

    pub(crate) fn add_to_agenda_now(&mut self, urn: Urn, reason: &str) -> Result<(), String> {
        let id = self.meeting_id().ok_or("no meeting is open")?;
        let store = self.store.as_mut().ok_or("no database")?;
        store
            .add_agenda_item(id, urn, reason, chrono::Local::now().fixed_offset())
            .map_err(|e| e.to_string())?;
        self.reload();
        self.status.message = format!("added URN {urn} to the agenda");
        Ok(())
    }

    /// Write the minutes of the open meeting and say where.
    pub(crate) fn export_minutes(&mut self) {
        match self.meeting_id() {
            Some(id) => self.status.message = self.write_minutes(id),
            None => self.status.message = "no meeting is open: nothing to export".into(),
        }
    }

    fn write_minutes(&mut self, id: i64) -> String {
        let Some(store) = self.store.as_ref() else {
            return "no database".into();
        };
        // The minutes work out the agenda themselves, so the screen and `termly export`
        // write the same file.
        match crate::minutes::write_minutes_files(&self.config, store, id) {
            Ok((md, toml)) => format!("minutes written to {} and {}", md.display(), toml.display()),
            Err(e) => {
                self.status.error = Some(format!("minutes not written: {e}"));
                String::new()
            }
        }
    }

    /// After a (re)assessment: read the meeting's hand-added agenda items into the agenda
    /// and work out which schools have a standing decision in it.
    pub(crate) fn overlay_meeting(&mut self) {
        let mut state = MeetingState {
            decided: vec![None; self.data.schools.len()],
            ..MeetingState::default()
        };
        if let Some(id) = self.meeting_id() {
            let in_meeting: Vec<_> = self
                .data
                .decisions
                .iter()
                .filter(|d| d.meeting_id == id)
                .cloned()
                .collect();
            let standing = effective(&in_meeting);
            state.recorded = standing.len();
            for d in &standing {
                if let Some(i) = self.data.school_index(d.urn) {
                    state.decided[i] = Some(d.kind);
                }
            }
            if let Some(store) = &self.store {
                match store.agenda_items(id) {
                    Ok(items) => state.added = items,
                    Err(e) => self.status.error = Some(format!("cannot read the agenda: {e}")),
                }
            }
        }
        for item in &state.added {
            let Some(i) = self.data.school_index(item.urn) else {
                continue;
            };
            if let Some(a) = self.assessment.schools.get_mut(i) {
                a.agenda.push(AgendaReason {
                    urgency: 0,
                    text: format!("added by hand: {}", item.reason),
                });
            }
            if !self.assessment.agenda.contains(&i) {
                self.assessment.agenda.push(i);
            }
        }
        let previous = std::mem::take(&mut self.meeting_state.agenda_order);
        self.keep_agenda_order(&previous, &state.decided);
        state.agenda_order = self
            .assessment
            .agenda
            .iter()
            .map(|&i| self.data.schools[i].urn)
            .collect();
        self.meeting_state = state;
    }

    /// Put the agenda back in the order it had before a reload: schools still on it, or
    /// decided in this meeting, keep their places; schools new to it follow.
    fn keep_agenda_order(&mut self, previous: &[Urn], decided: &[Option<DecisionKind>]) {
        if previous.is_empty() {
            return;
        }
        let now = std::mem::take(&mut self.assessment.agenda);
        let n = self.data.schools.len();
        let mut on_now = vec![false; n];
        now.iter().for_each(|&i| on_now[i] = true);
        let mut placed = vec![false; n];
        let mut order: Vec<usize> = Vec::with_capacity(now.len());
        for &urn in previous {
            let Some(i) = self.data.school_index(urn) else {
                continue;
            };
            let was_decided = decided.get(i).copied().flatten().is_some();
            if (on_now[i] || was_decided) && !placed[i] {
                placed[i] = true;
                order.push(i);
            }
        }
        for i in now {
            if !placed[i] {
                placed[i] = true;
                order.push(i);
            }
        }
        for &i in &order {
            if let Some(a) = self.assessment.schools.get_mut(i) {
                if a.agenda.is_empty() {
                    a.agenda.push(AgendaReason {
                        urgency: 0,
                        text: "discussed in this meeting".into(),
                    });
                }
            }
        }
        self.assessment.agenda = order;
    }

    /// Decided agenda schools, agenda size, and standing decisions in the open meeting.
    pub fn progress(&self) -> (usize, usize, usize) {
        let total = self.assessment.agenda.len();
        if self.meeting_id().is_none() {
            return (0, total, 0);
        }
        let decided = self
            .assessment
            .agenda
            .iter()
            .filter(|&&i| {
                self.meeting_state
                    .decided
                    .get(i)
                    .copied()
                    .flatten()
                    .is_some()
            })
            .count();
        (decided, total, self.meeting_state.recorded)
    }

    /// The grid mark for a school (index into `data.schools`), if decided in this meeting.
    pub fn decision_mark(&self, school: usize) -> Option<&'static str> {
        self.meeting_state
            .decided
            .get(school)
            .copied()
            .flatten()
            .map(decision_glyph)
    }

    /// True when the school has a standing decision in the open meeting.
    pub fn is_decided(&self, school: usize) -> bool {
        self.meeting_state
            .decided
            .get(school)
            .is_some_and(|d| d.is_some())
    }

    /// Move to the next (or previous) agenda school in urgency order that is shown and not
    /// yet decided in the open meeting (every shown one once all are decided).
    pub(crate) fn walk_agenda(&mut self, forward: bool) {
        let shown: Vec<usize> = self
            .assessment
            .agenda
            .iter()
            .copied()
            .filter(|&i| self.row_of.get(i).is_some_and(|&r| r != usize::MAX))
            .collect();
        let here = self.selected();
        let open: Vec<usize> = shown
            .iter()
            .copied()
            .filter(|&i| !self.is_decided(i) || Some(i) == here)
            .collect();
        let agenda = if open.iter().any(|&i| Some(i) != here) {
            open
        } else {
            shown
        };
        if agenda.is_empty() {
            self.status.message = "no school on the agenda is shown".into();
            return;
        }
        let here = self
            .selected()
            .and_then(|s| agenda.iter().position(|&i| i == s));
        let n = agenda.len();
        let pos = match (here, forward) {
            (Some(p), true) => (p + 1) % n,
            (Some(p), false) => (p + n - 1) % n,
            (None, true) => 0,
            (None, false) => n - 1,
        };
        let target = agenda[pos];
        self.set_cursor(self.row_of[target]);
        let place = self.assessment.agenda.iter().position(|&i| i == target);
        let total = self.assessment.agenda.len();
        let left = self
            .assessment
            .agenda
            .iter()
            .filter(|&&i| !self.is_decided(i))
            .count();
        self.status.message = format!(
            "agenda {} of {total} · {left} to decide",
            place.map_or(0, |p| p + 1)
        );
    }
}
