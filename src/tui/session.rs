//! The meeting on the screen: the open meeting, its agenda (in the order the room first saw
//! it) and decided marks, the capacity the categories imply, and the database and clock
//! the meeting service works with.

use crate::clock::{Clock, SharedClock};
use crate::config::Config;
use crate::dataset::Dataset;
use crate::meeting::{meeting_agenda, MeetingAgenda, MeetingService};
use crate::model::{DecisionKind, Urn};
use crate::policy::{Capacity, TermAssessment};
use crate::store::{Store, StoreError};

/// The open meeting, when there is one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MeetingInfo {
    /// The meeting's row in the database, once it has been opened there.
    pub id: Option<i64>,
    pub chair: String,
    pub attendees: Vec<String>,
}

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

pub struct Session {
    meeting: Option<MeetingInfo>,
    agenda: MeetingAgenda,
    /// The agenda's order as the meeting first saw it, kept across reloads.
    agenda_order: Vec<Urn>,
    capacity: Capacity,
    store: Option<Store>,
    clock: SharedClock,
    /// SQLite's data_version when last loaded: another connection's write moves it.
    data_version: Option<i64>,
}

impl Session {
    pub fn new(clock: SharedClock) -> Session {
        Session {
            meeting: None,
            agenda: MeetingAgenda::default(),
            agenda_order: Vec::new(),
            capacity: Capacity::default(),
            store: None,
            clock,
            data_version: None,
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
    /// reading the version is passed on.
    pub fn database_changed(&mut self) -> Result<bool, StoreError> {
        let Some(store) = &self.store else {
            return Ok(false);
        };
        let version = store.data_version()?;
        let changed = Some(version) != self.data_version;
        self.data_version = Some(version);
        Ok(changed)
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
        agenda.keep_order(&self.agenda_order, data);
        self.agenda_order = agenda
            .order()
            .iter()
            .map(|&i| data.schools[i].urn)
            .collect();
        self.agenda = agenda;
        failed
    }

    /// Decided agenda schools, agenda size, and standing decisions in the open meeting.
    pub fn progress(&self) -> (usize, usize, usize) {
        let order = self.agenda.order();
        if self.meeting_id().is_none() {
            return (0, order.len(), 0);
        }
        let decided = order.iter().filter(|&&i| self.agenda.is_decided(i)).count();
        (decided, order.len(), self.agenda.recorded)
    }

    /// The grid mark for a school, if decided in this meeting.
    pub fn decision_mark(&self, school: usize) -> Option<&'static str> {
        self.agenda
            .decided
            .get(school)
            .copied()
            .flatten()
            .map(decision_glyph)
    }
}
