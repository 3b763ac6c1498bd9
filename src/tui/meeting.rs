//! The meeting on the screen: opening it behind one `y` (asking for the chair when none
//! was given) or resuming it, correcting who is there, closing it behind a confirm step,
//! hand-added agenda items, walking the agenda by item number, and exporting the
//! minutes. Every decision goes through the meeting service.

use super::app::{App, MeetingInfo};
use super::decide::refused;
use super::forms::{FieldId, FieldSpec, Prompt, SaveFailure};
use super::popup::{Popup, PromptKind};
use super::session::PendingOpen;
use super::view::Filters;
use crate::meeting::ItemState;
use crate::minutes::{MinutesError, Written};
use crate::model::Urn;
use chrono::NaiveDate;

const START_FIELDS: [FieldSpec; 3] = [
    FieldSpec::new(FieldId::Chair, "Chair", true, false),
    FieldSpec::new(
        FieldId::MeetingDate,
        "Meeting date (dd/mm/yyyy)",
        true,
        false,
    ),
    FieldSpec::new(FieldId::Attendees, "Attendees (one per line)", false, true),
];

const AGENDA_FIELDS: [FieldSpec; 1] = [FieldSpec::new(FieldId::Reason, "Reason", true, false)];

const EDIT_FIELDS: [FieldSpec; 2] = [
    FieldSpec::new(FieldId::Chair, "Chair", true, false),
    FieldSpec::new(
        FieldId::Attendees,
        "Late arrivals (one per line)",
        false,
        true,
    ),
];

const ITEM_FIELDS: [FieldSpec; 1] = [FieldSpec::new(FieldId::ItemNumber, "Item", true, false)];

impl App {
    /// Resume the term's open meeting; otherwise ask before opening one: for the chair
    /// when none was given, then always a yes/no on the term, chair and attendees (viewing
    /// works meanwhile). A read-only database only shows an open meeting.
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
            (Some(open), _) => self.open_meeting_now("", &[], open.date).map(|()| {
                // The command line does not silently override who is there: say how to.
                let differs = chair.is_some_and(|c| c.trim() != open.chair);
                if differs || !attendees.is_empty() {
                    let said = self.screen.status().message.clone();
                    self.screen.say(format!(
                        "{said} · --chair/--attendee not applied to a resumed meeting: press M to correct"
                    ));
                }
            }),
            (None, _) if read_only => {
                self.screen.say("read-only database: view only");
                Ok(())
            }
            (None, Some(chair)) => {
                self.ask_to_open(chair, attendees, self.session.meeting_date());
                Ok(())
            }
            (None, None) => {
                self.ask_for_chair();
                Ok(())
            }
        };
        if let Err(failure) = result {
            self.screen.fail(failure.message);
        }
    }

    /// The day a new meeting is held (`--meeting-date`); today when not given.
    pub fn set_meeting_date(&mut self, date: Option<NaiveDate>) {
        self.session.set_meeting_date(date);
    }

    /// The one deliberate step before a new meeting: `y` on the term, the day, the chair and
    /// the attendees, each said; `d` changes them first.
    pub(crate) fn ask_to_open(&mut self, chair: &str, attendees: &[String], date: NaiveDate) {
        let term = self.loaded.term();
        // Why it asks even when --chair was given: looking at the screen the day before
        // must not open the meeting, so one `y` does; the dialog says what that `y` does.
        let mut intro = vec![
            format!("No meeting is open for {term}. Nothing is recorded until you press y."),
            String::new(),
            format!("Open a new meeting for {term}, held on {}?", long_day(date)),
            format!(
                "Decisions will be recorded under the chair's name: {}",
                chair.trim()
            ),
            format!("Attendees: {}", listed(attendees)),
        ];
        let side = if date > term.end_date() {
            Some("after")
        } else {
            (date < term.start_date()).then_some("before")
        };
        if let Some(side) = side {
            intro.push(format!(
                "That day is {side} {term}; its decisions count in {term}."
            ));
        }
        if let Some(Ok(Some(closed))) = self.session.store().map(|s| s.closed_meeting(term)) {
            intro.push(format!(
                "The {term} meeting #{} is closed; this opens another.",
                closed.id
            ));
        }
        intro.push(String::new());
        intro.push(format!(
            "y opens it on {} · d changes the day or who · n only views",
            date.format("%d/%m/%Y")
        ));
        self.session.set_pending_open(Some(PendingOpen {
            chair: chair.trim().to_string(),
            attendees: attendees.to_vec(),
            date,
        }));
        self.screen.show_popup(Popup::Prompt(
            PromptKind::OpenMeeting,
            Prompt::confirm("Open the meeting", intro).with_change('d', "change"),
        ));
    }

    /// Ask for corrections: the chair (as recorded, to edit) and late arrivals.
    pub(crate) fn ask_meeting_corrections(&mut self) {
        let Some(m) = self.session.meeting().cloned() else {
            return;
        };
        let intro = vec![
            format!("Attending now: {}", listed(&m.attendees)),
            "Each change is recorded with its time.".into(),
        ];
        let mut prompt = Prompt::with_fields("Chair and attendees", intro, &EDIT_FIELDS).reviewed();
        prompt.fields.prefill(FieldId::Chair, &m.chair);
        self.screen
            .show_popup(Popup::Prompt(PromptKind::EditMeeting, prompt));
    }

    /// Record a corrected chair and any late arrivals (one per line).
    pub(crate) fn correct_meeting_now(
        &mut self,
        chair: &str,
        arrivals: &str,
    ) -> Result<(), SaveFailure> {
        let id = self
            .meeting_id()
            .ok_or_else(|| refused("no meeting is open"))?;
        let now = self.session.clock().now();
        let store = self
            .session
            .store_mut()
            .ok_or_else(|| refused("no database"))?;
        let mut m = store
            .set_chair(id, chair, now)
            .map_err(|e| SaveFailure::from(&e))?;
        for name in names(arrivals) {
            m = store
                .add_attendee(id, &name, now)
                .map_err(|e| SaveFailure::from(&e))?;
        }
        self.session.set_meeting(Some(MeetingInfo {
            id: Some(m.id),
            chair: m.chair.clone(),
            attendees: m.attendees.clone(),
        }));
        self.screen.say(format!(
            "meeting #{id}: chair {} · attendees {}",
            m.chair,
            listed(&m.attendees)
        ));
        Ok(())
    }

    /// Show the start-of-meeting prompt (chair and the day required, attendees optional).
    pub(crate) fn ask_for_chair(&mut self) {
        self.ask_for_chair_with(None);
    }

    /// The start-of-meeting prompt, filled in with what was given (the day defaults to the
    /// one on the command line, else today).
    pub(crate) fn ask_for_chair_with(&mut self, given: Option<PendingOpen>) {
        let intro = vec![
            format!("Open the {} meeting.", self.loaded.term()),
            "Decisions are recorded under the chair's name.".into(),
        ];
        let mut prompt = Prompt::with_fields("Start the meeting", intro, &START_FIELDS);
        let date = given
            .as_ref()
            .map_or_else(|| self.session.meeting_date(), |g| g.date);
        prompt
            .fields
            .prefill(FieldId::MeetingDate, &date.format("%d/%m/%Y").to_string());
        if let Some(g) = given {
            prompt.fields.prefill(FieldId::Chair, &g.chair);
            prompt
                .fields
                .prefill(FieldId::Attendees, &g.attendees.join("\n"));
        }
        self.screen
            .show_popup(Popup::Prompt(PromptKind::StartMeeting, prompt));
    }

    /// Open or resume in the database, take a backup, and show it.
    pub(crate) fn open_meeting_now(
        &mut self,
        chair: &str,
        attendees: &[String],
        date: NaiveDate,
    ) -> Result<(), SaveFailure> {
        let (config, term) = (self.loaded.config(), self.loaded.term());
        let opened = self
            .session
            .service(config)
            .ok_or_else(|| refused("no database"))?
            .open_or_resume(term, date, chair, attendees)
            .map_err(|e| SaveFailure::from(&e))?;
        let m = opened.meeting;
        self.session.set_meeting(Some(MeetingInfo {
            id: Some(m.id),
            chair: m.chair.clone(),
            attendees: m.attendees.clone(),
        }));
        let now = self.session.clock().local();
        let policy = crate::store::backup::BackupPolicy {
            folder: config.resolve(&config.backup.folder),
            keep: config.backup.keep,
        };
        let backup = match self.session.store() {
            Some(store) => match crate::store::backup::auto_backup(&policy, store, now) {
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
        self.session.set_closed(Some(id));
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
            Prompt::with_fields("Add to the agenda", intro, &AGENDA_FIELDS).reviewed(),
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

    /// Move to the next (or previous) item in agenda order, from the current item whatever
    /// the grid's sort, filter or cursor: the nearest one still open, or simply the next
    /// once every item is done.
    pub(crate) fn walk_agenda(&mut self, forward: bool) {
        let order = self.session.agenda().order();
        let n = order.len();
        if n == 0 {
            self.screen.say("the agenda is empty");
            return;
        }
        let steps: Vec<usize> = match (self.session.current_item(self.loaded.data()), forward) {
            (Some(p), true) => (1..=n).map(|k| (p + k) % n).collect(),
            (Some(p), false) => (1..=n).map(|k| (p + n - k) % n).collect(),
            (None, true) => (0..n).collect(),
            (None, false) => (0..n).rev().collect(),
        };
        let agenda = self.session.agenda();
        let open = steps
            .iter()
            .copied()
            .find(|&p| !agenda.is_decided(order[p]));
        self.go_to_item(open.unwrap_or(steps[0]));
    }

    /// Ask for an agenda item's number.
    pub(crate) fn ask_item_number(&mut self) {
        let n = self.session.agenda().entries.len();
        if n == 0 {
            self.screen.say("the agenda is empty");
            return;
        }
        let intro = vec![format!("Go to which item (1 to {n})?")];
        self.screen.show_popup(Popup::Prompt(
            PromptKind::GotoItem,
            Prompt::with_fields("Go to an agenda item", intro, &ITEM_FIELDS),
        ));
    }

    /// Go to the item typed in the `:` prompt.
    pub(crate) fn goto_item_text(&mut self, text: &str) -> Result<(), SaveFailure> {
        let n = self.session.agenda().entries.len();
        match text.trim().trim_start_matches(':').parse::<usize>() {
            Ok(k) if (1..=n).contains(&k) => {
                self.go_to_item(k - 1);
                Ok(())
            }
            _ => Err(refused(&format!("type an item number from 1 to {n}"))),
        }
    }

    /// Put the cursor on agenda item `pos` (0-based) and make it the current item. Filters
    /// that hide it are cleared, and the status line says so.
    pub(crate) fn go_to_item(&mut self, pos: usize) {
        let Some(&school) = self.session.agenda().order().get(pos) else {
            return;
        };
        let mut note = "";
        if self.loaded.row_of(school).is_none() {
            self.loaded.filter(|f| *f = Filters::default());
            note = " · filters cleared to show it";
        }
        if let Some(row) = self.loaded.row_of(school) {
            self.set_cursor(row);
        }
        let urn = self.loaded.data().schools[school].urn;
        self.session.set_current(Some(urn));
        let (_, total, done) = self.session.progress(self.loaded.data());
        let state = match self.session.item_state(school) {
            ItemState::Done => " (decided)",
            ItemState::Noted => " (noted)",
            ItemState::Open => "",
        };
        self.screen.say(format!(
            "item {} of {total}{state} · {done} decided{note}",
            pos + 1
        ));
    }

    /// After a decision on a school: its item, if it has one, becomes the current item.
    pub(crate) fn decided_on(&mut self, urn: Urn) {
        let on_agenda = self
            .loaded
            .data()
            .school_index(urn)
            .is_some_and(|i| self.session.agenda().order().contains(&i));
        if on_agenda {
            self.session.set_current(Some(urn));
        }
    }
}

/// The people a list field holds: one per line, each trimmed, blank lines left out. A comma
/// is part of a name (`C. Governor (Chair, Schools Forum)` is one person).
pub(crate) fn names(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect()
}

/// Names for one line of text, or "none listed". Semicolons part them, since a name may
/// hold a comma.
pub(crate) fn listed(names: &[String]) -> String {
    if names.is_empty() {
        "none listed".to_string()
    } else {
        names.join("; ")
    }
}

/// "Wednesday 20 January 2027": the day said in full where a mistake would matter.
fn long_day(d: NaiveDate) -> String {
    d.format("%A %-d %B %Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comma_stays_inside_a_name() {
        let typed = "  C. Governor (Chair, Schools Forum)\n\nD. Officer  \n";
        assert_eq!(
            names(typed),
            ["C. Governor (Chair, Schools Forum)", "D. Officer"]
        );
        assert_eq!(
            listed(&names(typed)),
            "C. Governor (Chair, Schools Forum); D. Officer"
        );
        assert!(names(" \n ").is_empty());
    }
}
