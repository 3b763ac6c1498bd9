//! The actions list on the screen, and matters arising: as a meeting opens, the actions
//! still open from earlier meetings and the schools the last one deferred, walked with the
//! same `n`/`p` as the agenda before it. Each action is marked done, carried forward or
//! dropped through a small prompt; the change is appended in the store.

use super::action::Action;
use super::app::App;
use super::decide::refused;
use super::forms::{FieldId, FieldSpec, Prompt, SaveFailure};
use super::popup::{Popup, PromptKind};
use crate::actions::matters::{MattersArising, Outcome};
use crate::actions::{sort_for_review, ActionItem, ActionStatus};
use crate::store::actions::ActionChange;

/// What a key does to the action under the cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionMove {
    Done,
    Carry,
    Drop,
}

impl ActionMove {
    fn verb(self) -> &'static str {
        match self {
            ActionMove::Done => "done",
            ActionMove::Carry => "carried forward",
            ActionMove::Drop => "dropped",
        }
    }
}

/// The list on show: every open action, or one meeting's matters arising.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActionsPane {
    /// Set when showing the matters arising at this meeting. Its actions are moved into
    /// `items`, the one copy kept up to date as each is marked, so every count is taken
    /// from the list as it is now.
    pub matters: Option<(i64, MattersArising)>,
    pub items: Vec<ActionItem>,
    pub cursor: usize,
}

impl ActionsPane {
    pub fn selected(&self) -> Option<&ActionItem> {
        self.items.get(self.cursor)
    }

    /// Still to be taken up: in matters arising, not yet marked; otherwise, open.
    fn is_pending(&self, a: &ActionItem) -> bool {
        match &self.matters {
            Some((meeting, _)) => MattersArising::outcome(a, *meeting) == Outcome::Pending,
            None => a.status == ActionStatus::Open,
        }
    }

    /// How many items are still to be taken up (see [`ActionsPane::is_pending`]).
    pub fn pending(&self) -> usize {
        self.items.iter().filter(|a| self.is_pending(a)).count()
    }

    /// How many items are overdue on `today`.
    pub fn overdue(&self, today: chrono::NaiveDate) -> usize {
        self.items.iter().filter(|a| a.is_overdue(today)).count()
    }

    /// The next (or previous) pending item after the cursor, if any.
    fn next_pending(&self, forward: bool) -> Option<usize> {
        let n = self.items.len();
        let order: Vec<usize> = if forward {
            (self.cursor + 1..n).collect()
        } else {
            (0..self.cursor).rev().collect()
        };
        order.into_iter().find(|&i| self.is_pending(&self.items[i]))
    }
}

const NOTE_FIELD: [FieldSpec; 1] = [FieldSpec::new(FieldId::Reason, "Note", false, false)];
const REASON_FIELD: [FieldSpec; 1] = [FieldSpec::new(FieldId::Reason, "Reason", true, false)];
/// Carrying forward: why, and by when now.
const CARRY_FIELDS: [FieldSpec; 2] = [
    FieldSpec::new(FieldId::Reason, "Reason", true, false),
    FieldSpec::new(FieldId::Due, "New due date", true, false),
];

impl App {
    /// `o`: every open action, overdue first.
    pub(crate) fn show_actions(&mut self) {
        let today = self.today();
        let Some(store) = self.session.store() else {
            self.screen.say("no database: no actions to show");
            return;
        };
        match store.actions() {
            Ok(all) => {
                let mut items: Vec<ActionItem> = all
                    .into_iter()
                    .filter(|a| a.status == ActionStatus::Open)
                    .collect();
                sort_for_review(&mut items, today);
                self.screen.open_actions(ActionsPane {
                    items,
                    ..ActionsPane::default()
                });
            }
            Err(e) => self.screen.fail(format!("cannot read actions: {e}")),
        }
    }

    /// As a meeting opens or resumes: its matters arising, when there are any.
    pub(crate) fn show_matters_arising(&mut self) {
        let (Some(store), Some(id)) = (self.session.store(), self.meeting_id()) else {
            return;
        };
        match store.matters_arising(id) {
            Ok(mut matters) if !matters.is_empty() => {
                let mut pane = ActionsPane {
                    items: std::mem::take(&mut matters.actions),
                    matters: Some((id, matters)),
                    cursor: 0,
                };
                if !pane.items.first().is_some_and(|a| pane.is_pending(a)) {
                    pane.cursor = pane.next_pending(true).unwrap_or(0);
                }
                self.screen.open_actions(pane);
            }
            Ok(_) => {}
            Err(e) => self
                .screen
                .fail(format!("cannot read matters arising: {e}")),
        }
    }

    /// A key in the actions list; false when it is not the list's to handle.
    pub(crate) fn actions_apply(&mut self, action: Action) -> bool {
        let Some(pane) = self.screen.actions_mut() else {
            return false;
        };
        let last = pane.items.len().saturating_sub(1);
        match action {
            Action::Up => pane.cursor = pane.cursor.saturating_sub(1),
            Action::Down => pane.cursor = (pane.cursor + 1).min(last),
            Action::NextAgenda | Action::PrevAgenda => {
                match pane.next_pending(action == Action::NextAgenda) {
                    Some(i) => pane.cursor = i,
                    // Walked past the end of matters arising: on to the agenda.
                    None if action == Action::NextAgenda => {
                        self.screen.close_actions();
                        self.walk_agenda(true);
                    }
                    None => {}
                }
            }
            Action::ActionDone => self.ask_action_move(ActionMove::Done),
            Action::ActionCarry => self.ask_action_move(ActionMove::Carry),
            Action::ActionDrop => self.ask_action_move(ActionMove::Drop),
            Action::Close => self.screen.close_actions(),
            _ => return false,
        }
        true
    }

    fn ask_action_move(&mut self, how: ActionMove) {
        if self.session.is_read_only() {
            self.screen.say("read-only database: view only");
            return;
        }
        if how == ActionMove::Carry && self.meeting_id().is_none() {
            self.screen
                .say("start the meeting first: actions are carried forward in one");
            return;
        }
        let Some(a) = self.screen.actions().and_then(ActionsPane::selected) else {
            self.screen.say("no action selected");
            return;
        };
        let title = format!("Action #{} {}", a.id, how.verb());
        let mut intro = vec![format!("{}: {}", a.school, a.text)];
        if how == ActionMove::Carry {
            intro.push(format!(
                "{} · due {}",
                a.owner,
                a.due
                    .map_or("not set".into(), |d| d.format("%-d %b %Y").to_string())
            ));
        }
        let fields: &[FieldSpec] = match how {
            ActionMove::Done => &NOTE_FIELD,
            ActionMove::Carry => &CARRY_FIELDS,
            ActionMove::Drop => &REASON_FIELD,
        };
        let kind = PromptKind::MoveAction(a.id, how);
        self.screen.show_popup(Popup::Prompt(
            kind,
            Prompt::with_fields(&title, intro, fields).reviewed(),
        ));
    }

    /// Record the change in the store, then show it in the list.
    pub(crate) fn move_action_now(
        &mut self,
        id: i64,
        how: ActionMove,
        note: &str,
        due: Option<chrono::NaiveDate>,
    ) -> Result<(), SaveFailure> {
        let meeting_id = self.meeting_id();
        let by = self
            .meeting()
            .map(|m| m.chair.clone())
            .filter(|c| !c.is_empty())
            .unwrap_or_else(|| "the screen (no meeting open)".into());
        let change = ActionChange {
            action_id: id,
            status: match how {
                ActionMove::Done => ActionStatus::Done,
                ActionMove::Carry => ActionStatus::Open,
                ActionMove::Drop => ActionStatus::Dropped,
            },
            carried: how == ActionMove::Carry,
            note: note.to_string(),
            by,
            meeting_id,
            due,
        };
        let (store, clock) = self
            .session
            .store_and_clock()
            .ok_or_else(|| refused("no database"))?;
        let now = clock.now();
        let changed = store
            .change_action(&change, now)
            .map_err(|e| SaveFailure::from(&e))?;
        if let Some(pane) = self.screen.actions_mut() {
            if let Some(slot) = pane.items.iter_mut().find(|a| a.id == id) {
                *slot = changed;
            }
            if let Some(next) = pane.next_pending(true) {
                pane.cursor = next;
            }
        }
        self.screen.say(format!("action #{id} {}", how.verb()));
        Ok(())
    }
}
