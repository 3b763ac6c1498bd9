//! The meeting on the screen: the open meeting, its agenda (in the order the room first saw
//! it) and decided marks, the capacity the categories imply, and the database and clock
//! the meeting service works with.

use super::retry::Backoff;
use crate::clock::{Clock, SharedClock};
use crate::config::Config;
use crate::dataset::Dataset;
use crate::meeting::{closes_item, meeting_agenda, ItemState, MeetingAgenda, MeetingService};
use crate::model::{DecisionKind, Urn};
use crate::policy::{Capacity, TermAssessment};
use crate::store::{Store, StoreError};
use std::time::Instant;

/// The open meeting, when there is one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MeetingInfo {
    /// The meeting's row in the database, once it has been opened there.
    pub id: Option<i64>,
    pub chair: String,
    pub attendees: Vec<String>,
}

/// The grid's mark for a decision that departs from the policy (its reason is recorded).
pub const DEPARTURE_GLYPH: &str = "!";

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

/// A new meeting waiting for the chair's `y`: who chairs, who attends, and the day.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingOpen {
    pub chair: String,
    pub attendees: Vec<String>,
    pub date: chrono::NaiveDate,
}

pub struct Session {
    meeting: Option<MeetingInfo>,
    agenda: MeetingAgenda,
    /// The agenda's order as last laid out (in a meeting, its item numbers), kept across
    /// reloads when no meeting is open.
    agenda_order: Vec<Urn>,
    /// The current item's school: where `n` and `p` walk from.
    current: Option<Urn>,
    /// The earlier decision the open form's decision will supersede (after "y").
    superseding: Option<i64>,
    /// Chair and attendees waiting for the `y` that opens the meeting.
    pending_open: Option<PendingOpen>,
    /// The day the meeting is held, when given on the command line (else today).
    meeting_date: Option<chrono::NaiveDate>,
    /// The meeting closed on this screen: decision keys then say so and do nothing.
    closed: Option<i64>,
    /// The meeting's decisions that depart from the policy: (decision id, how).
    departures: Vec<(i64, String)>,
    /// Per school: its latest category decision in the meeting departs from the policy.
    departs: Vec<bool>,
    capacity: Capacity,
    store: Option<Store>,
    clock: SharedClock,
    /// The database's change counter when last loaded (SQLite's data_version; on
    /// PostgreSQL, other sessions' notifications): another connection's write moves it.
    data_version: Option<i64>,
    /// When to look for the database again while it cannot be reached.
    reach: Backoff,
}

impl Session {
    pub fn new(clock: SharedClock) -> Session {
        Session {
            meeting: None,
            agenda: MeetingAgenda::default(),
            agenda_order: Vec::new(),
            current: None,
            superseding: None,
            pending_open: None,
            meeting_date: None,
            closed: None,
            departures: Vec::new(),
            departs: Vec::new(),
            capacity: Capacity::default(),
            store: None,
            clock,
            data_version: None,
            reach: Backoff::default(),
        }
    }

    /// Keep the database open for the meeting.
    pub fn attach(&mut self, store: Store) -> Result<(), StoreError> {
        self.data_version = Some(store.data_version()?);
        self.store = Some(store);
        Ok(())
    }

    pub fn store(&self) -> Option<&Store> {
        self.store.as_ref()
    }
    pub fn store_mut(&mut self) -> Option<&mut Store> {
        self.store.as_mut()
    }
    /// The database and the clock together (an import writes with one, stamped by the other).
    pub fn store_and_clock(&mut self) -> Option<(&mut Store, &dyn Clock)> {
        let clock = self.clock.as_ref();
        self.store.as_mut().map(|store| (store, clock))
    }
    pub fn clock(&self) -> &dyn Clock {
        self.clock.as_ref()
    }
    pub fn is_read_only(&self) -> bool {
        self.store.as_ref().is_some_and(|s| s.is_read_only())
    }

    /// The meeting service over this session's database, if there is one.
    pub fn service<'a>(&'a mut self, config: &'a Config) -> Option<MeetingService<'a>> {
        let clock = self.clock.as_ref();
        self.store
            .as_mut()
            .map(|store| MeetingService::new(config, store, clock))
    }

    /// True (once) when another connection has written since the last look; an error
    /// reading the version is passed on. While the database is unreachable it is asked
    /// again only after a wait (see [`Backoff`]); until then this is Ok(false).
    pub fn database_changed(&mut self, now: Instant) -> Result<bool, StoreError> {
        let Some(store) = &self.store else {
            return Ok(false);
        };
        if !self.reach.due(now) {
            return Ok(false);
        }
        let version = match store.data_version() {
            Ok(v) => v,
            Err(e) => {
                if e.db_error().is_some_and(|d| d.is_unreachable()) {
                    self.reach.failed(now);
                }
                return Err(e);
            }
        };
        self.reach.recovered();
        let changed = Some(version) != self.data_version;
        self.data_version = Some(version);
        Ok(changed)
    }

    /// True while the database cannot be reached (the last look failed that way).
    pub fn is_unreachable(&self) -> bool {
        self.reach.is_waiting()
    }

    pub fn meeting(&self) -> Option<&MeetingInfo> {
        self.meeting.as_ref()
    }
    pub fn meeting_id(&self) -> Option<i64> {
        self.meeting.as_ref().and_then(|m| m.id)
    }
    pub fn set_meeting(&mut self, meeting: Option<MeetingInfo>) {
        self.meeting = meeting;
    }

    pub fn current(&self) -> Option<Urn> {
        self.current
    }
    pub fn set_current(&mut self, urn: Option<Urn>) {
        self.current = urn;
    }
    pub fn superseding(&self) -> Option<i64> {
        self.superseding
    }
    pub fn set_superseding(&mut self, id: Option<i64>) {
        self.superseding = id;
    }
    pub fn set_pending_open(&mut self, pending: Option<PendingOpen>) {
        self.pending_open = pending;
    }
    pub fn take_pending_open(&mut self) -> Option<PendingOpen> {
        self.pending_open.take()
    }
    /// The day a new meeting is held: as given, or today.
    pub fn meeting_date(&self) -> chrono::NaiveDate {
        self.meeting_date.unwrap_or_else(|| self.clock.today())
    }
    pub fn set_meeting_date(&mut self, date: Option<chrono::NaiveDate>) {
        self.meeting_date = date;
    }
    pub fn closed(&self) -> Option<i64> {
        self.closed
    }
    pub fn set_closed(&mut self, id: Option<i64>) {
        self.closed = id;
    }
    pub fn departures(&self) -> &[(i64, String)] {
        &self.departures
    }
    pub fn departs(&self) -> &[bool] {
        &self.departs
    }

    pub fn agenda(&self) -> &MeetingAgenda {
        &self.agenda
    }
    pub fn capacity(&self) -> &Capacity {
        &self.capacity
    }
    pub fn set_capacity(&mut self, capacity: Capacity) {
        self.capacity = capacity;
    }

    /// Work out the open meeting's agenda for fresh data and its assessment, keeping the
    /// order the room first saw. Err is a message: the agenda items could not be read (the
    /// agenda is then the policy's alone).
    pub fn update_agenda(
        &mut self,
        data: &Dataset,
        assessment: &TermAssessment,
    ) -> Result<(), String> {
        let mut items = Vec::new();
        let mut decisions = Vec::new();
        let mut failed = Ok(());
        if let Some(id) = self.meeting_id() {
            decisions = data
                .decisions
                .iter()
                .filter(|d| d.meeting_id == id)
                .cloned()
                .collect();
            if let Some(store) = &self.store {
                match store.agenda_items(id) {
                    Ok(found) => items = found,
                    Err(e) => failed = Err(format!("cannot read the agenda: {e}")),
                }
            }
        }
        let mut agenda = meeting_agenda(data, assessment, &items, &decisions);
        match self.meeting_id() {
            Some(id) => {
                if let Err(e) = self.number_agenda(id, &mut agenda, data) {
                    failed = Err(e);
                }
                if let Err(e) = self.read_departures(id, &decisions, data) {
                    failed = Err(e);
                }
            }
            None => agenda.keep_order(&self.agenda_order, data),
        }
        self.agenda_order = agenda
            .order()
            .iter()
            .map(|&i| data.schools[i].urn)
            .collect();
        self.agenda = agenda;
        failed
    }

    /// Give the agenda the meeting's item numbers, numbering any school new to it (all of
    /// them, the first time the meeting is seen) on the end; a school decided without
    /// being on the agenda was discussed, so it joins the end too.
    fn number_agenda(
        &mut self,
        meeting_id: i64,
        agenda: &mut MeetingAgenda,
        data: &Dataset,
    ) -> Result<(), String> {
        agenda.add_discussed();
        let Some(store) = self.store.as_mut() else {
            return Ok(());
        };
        let urns: Vec<Urn> = agenda
            .order()
            .iter()
            .map(|&i| data.schools[i].urn)
            .collect();
        // A viewer or a team lead on a server may read the numbers but not add to them.
        let may_number = store
            .may_number_agenda()
            .map_err(|e| format!("cannot number the agenda: {e}"))?;
        let numbered = if !may_number {
            store.agenda_numbers(meeting_id)
        } else {
            store.number_agenda(meeting_id, &urns)
        }
        .map_err(|e| format!("cannot number the agenda: {e}"))?;
        agenda.apply_numbers(&numbered, data);
        Ok(())
    }

    /// Which of the meeting's decisions depart from the policy.
    fn read_departures(
        &mut self,
        meeting_id: i64,
        decisions: &[crate::model::Decision],
        data: &Dataset,
    ) -> Result<(), String> {
        self.departures.clear();
        self.departs = vec![false; data.schools.len()];
        let Some(store) = &self.store else {
            return Ok(());
        };
        let contexts = store
            .decision_contexts(meeting_id)
            .map_err(|e| format!("cannot read decisions: {e}"))?;
        self.departures = contexts
            .iter()
            .filter_map(|(id, c)| Some((*id, c.departure.clone()?)))
            .collect();
        // The latest category decision says whether the school departs.
        let standing = crate::meeting::effective(decisions);
        for d in standing.iter().filter(|d| closes_item(d.kind)) {
            if let Some(i) = data.school_index(d.urn) {
                self.departs[i] = contexts.get(&d.id).is_some_and(|c| c.departure.is_some());
            }
        }
        Ok(())
    }

    /// Where the meeting is: (current item number, items on the agenda, items done). The
    /// current item is the one `n`, `p` and `:N` last went to, or the last decided.
    pub fn progress(&self, data: &Dataset) -> (Option<usize>, usize, usize) {
        let order = self.agenda.order();
        let done = if self.meeting_id().is_none() {
            0
        } else {
            order.iter().filter(|&&i| self.agenda.is_decided(i)).count()
        };
        (self.current_item(data).map(|p| p + 1), order.len(), done)
    }

    /// The current item's place in the agenda (0-based).
    pub fn current_item(&self, data: &Dataset) -> Option<usize> {
        let i = data.school_index(self.current?)?;
        self.agenda.order().iter().position(|&a| a == i)
    }

    /// How the school's agenda item stands in the open meeting.
    pub fn item_state(&self, school: usize) -> ItemState {
        if self.meeting_id().is_none() {
            return ItemState::Open;
        }
        ItemState::of(self.agenda.decided.get(school).copied().flatten())
    }

    /// The grid mark for a school, if decided in this meeting.
    pub fn decision_mark(&self, school: usize) -> Option<&'static str> {
        if self.departs.get(school) == Some(&true) {
            return Some(DEPARTURE_GLYPH);
        }
        self.agenda
            .decided
            .get(school)
            .copied()
            .flatten()
            .map(decision_glyph)
    }
}
