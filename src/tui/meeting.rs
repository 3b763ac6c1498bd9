//! The meeting on the screen: opening or resuming it (asking for the chair when none was
//! given), closing it behind a confirm step, hand-added agenda items, walking the agenda,
//! and exporting the minutes. Every write goes through the meeting service.

use super::app::{App, MeetingInfo};
use super::decide::refused;
use super::forms::{FieldId, FieldSpec, Prompt, SaveFailure};
use super::popup::{Popup, PromptKind};
use crate::minutes::{MinutesError, Written};
use crate::model::Urn;

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

impl App {
    /// Resume the term's open meeting, or open one with `chair`; with no chair and no open
    /// meeting, ask on the screen (viewing works meanwhile). A read-only database only
    /// shows an open meeting.
    pub fn start_meeting(&mut self, chair: Option<&str>, attendees: &[String]) {
        let Some(store) = self.session.store() else {
            return;
        };
        let open = match store.open_meeting(self.loaded.term()) {
            Ok(m) => m,
            Err(e) => {
                self.screen.fail(format!("cannot read meetings: {e}"));
                return;
            }
        };
        let read_only = store.is_read_only();
        let result = match (open, chair.filter(|c| !c.trim().is_empty())) {
            (Some(_), _) => self.open_meeting_now("", &[]),
            (None, _) if read_only => {
                self.screen.say("read-only database: view only");
                Ok(())
            }
            (None, Some(chair)) => self.open_meeting_now(chair, attendees),
            (None, None) => {
                self.ask_for_chair();
                Ok(())
            }
        };
        if let Err(failure) = result {
            self.screen.fail(failure.message);
        }
    }

    /// Show the start-of-meeting prompt (chair required, attendees optional).
    pub(crate) fn ask_for_chair(&mut self) {
        let intro = vec![
            format!("Open the {} meeting.", self.loaded.term()),
            "Decisions are recorded under the chair's name.".into(),
        ];
        self.screen.show_popup(Popup::Prompt(
            PromptKind::StartMeeting,
            Prompt::with_fields("Start the meeting", intro, &START_FIELDS),
        ));
    }

    /// Open or resume in the database, take a backup, and show it.
    pub(crate) fn open_meeting_now(
        &mut self,
        chair: &str,
        attendees: &[String],
    ) -> Result<(), SaveFailure> {
        let (config, term) = (self.loaded.config(), self.loaded.term());
        let opened = self
            .session
            .service(config)
            .ok_or_else(|| refused("no database"))?
            .open_or_resume(term, chair, attendees)
            .map_err(|e| SaveFailure::from(&e))?;
        let m = opened.meeting;
        self.session.set_meeting(Some(MeetingInfo {
            id: Some(m.id),
            chair: m.chair.clone(),
            attendees: m.attendees.clone(),
        }));
        let now = self.session.clock().local();
        let backup = match self.session.store() {
            Some(store) => match crate::store::backup::auto_backup(config, store, now) {
                Ok(path) => format!("backup {}", path.display()),
                Err(e) => format!("backup failed: {e}"),
            },
            None => String::new(),
        };
        self.reload();
        self.show_matters_arising();
        let verb = if opened.resumed { "resumed" } else { "opened" };
        self.screen.say(format!(
            "{verb} meeting #{} (chair {}) · {backup}",
            m.id, m.chair
        ));
        Ok(())
    }

    /// Ask before closing: closing makes the meeting's decisions final.
    pub(crate) fn ask_close_meeting(&mut self) {
        let Some(id) = self.meeting_id() else {
            self.screen.say("no meeting is open");
            return;
        };
        let recorded = self.session.agenda().recorded;
        let intro = vec![
            format!("Close meeting #{id}? Its {recorded} decision(s) become final."),
            "The minutes are written; a new start opens a new meeting.".into(),
        ];
        self.screen.show_popup(Popup::Prompt(
            PromptKind::CloseMeeting,
            Prompt::confirm("Close the meeting", intro),
        ));
    }

    pub(crate) fn close_meeting_now(&mut self) -> Result<(), SaveFailure> {
        let id = self
            .meeting_id()
            .ok_or_else(|| refused("no meeting is open"))?;
        let closed = self
            .session
            .service(self.loaded.config())
            .ok_or_else(|| refused("no database"))?
            .close(id)
            .map_err(|e| SaveFailure::from(&e))?;
        let minutes = self.minutes_written(closed.minutes);
        self.session.set_meeting(None);
        self.reload();
        self.screen.say(format!(
            "meeting #{id} closed; its decisions are final · {minutes}"
        ));
        Ok(())
    }

    /// Ask for the reason a school is added to the agenda.
    pub(crate) fn ask_agenda_reason(&mut self) {
        let Some(i) = self.selected() else {
            self.screen.say("no school selected");
            return;
        };
        let s = &self.loaded.data().schools[i];
        let intro = vec![format!("Add {} (URN {}) to the agenda.", s.name, s.urn)];
        let urn = s.urn;
        self.screen.show_popup(Popup::Prompt(
            PromptKind::AddToAgenda(urn),
            Prompt::with_fields("Add to the agenda", intro, &AGENDA_FIELDS),
        ));
    }

    pub(crate) fn add_to_agenda_now(&mut self, urn: Urn, reason: &str) -> Result<(), SaveFailure> {
        let id = self
            .meeting_id()
            .ok_or_else(|| refused("no meeting is open"))?;
        self.session
            .service(self.loaded.config())
            .ok_or_else(|| refused("no database"))?
            .add_to_agenda(id, urn, reason)
            .map_err(|e| SaveFailure::from(&e))?;
        self.reload();
        self.screen.say(format!("added URN {urn} to the agenda"));
        Ok(())
    }

    /// Write the minutes of the open meeting and say where.
    pub(crate) fn export_minutes(&mut self) {
        let id = self.meeting_id();
        let service = self.session.service(self.loaded.config());
        let (Some(id), Some(service)) = (id, service) else {
            self.screen.say("no meeting is open: nothing to export");
            return;
        };
        let written = service.write_minutes(id);
        let message = self.minutes_written(written);
        self.screen.say(message);
    }

    /// Where the minutes went, for the status line; a failure is shown as an error.
    fn minutes_written(&mut self, written: Result<(Written, Written), MinutesError>) -> String {
        match written {
            Ok((md, toml)) => crate::minutes::describe_pair(&md, &toml),
            Err(e) => {
                self.screen.fail(format!("minutes not written: {e}"));
                String::new()
            }
        }
    }

    /// Move to the next (or previous) agenda school in urgency order that is shown and not
    /// yet decided in the open meeting (every shown one once all are decided).
    pub(crate) fn walk_agenda(&mut self, forward: bool) {
        let agenda = self.session.agenda();
        let order = agenda.order();
        let here = self.selected();
        let shown: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&i| self.loaded.row_of(i).is_some())
            .collect();
        let open: Vec<usize> = shown
            .iter()
            .copied()
            .filter(|&i| !agenda.is_decided(i) || Some(i) == here)
            .collect();
        let walk = if open.iter().any(|&i| Some(i) != here) {
            open
        } else {
            shown
        };
        if walk.is_empty() {
            self.screen.say("no school on the agenda is shown");
            return;
        }
        let at = here.and_then(|s| walk.iter().position(|&i| i == s));
        let n = walk.len();
        let pos = match (at, forward) {
            (Some(p), true) => (p + 1) % n,
            (Some(p), false) => (p + n - 1) % n,
            (None, true) => 0,
            (None, false) => n - 1,
        };
        let target = walk[pos];
        let place = order.iter().position(|&i| i == target).map_or(0, |p| p + 1);
        let left = order.iter().filter(|&&i| !agenda.is_decided(i)).count();
        let total = order.len();
        if let Some(row) = self.loaded.row_of(target) {
            self.set_cursor(row);
        }
        self.screen
            .say(format!("agenda {place} of {total} · {left} to decide"));
    }
}
