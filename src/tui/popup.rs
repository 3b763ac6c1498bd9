//! The popup open over the screen, a decision form or a prompt: while open, keys are read
//! in its keymap mode (form or question) and the rest are typed into it.

use super::forms::{Form, FormKeys, Prompt};
use super::mode::Mode;
use super::theme::Theme;
use crate::model::Urn;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// What a prompt is asking for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    StartMeeting,
    /// The yes/no before a new meeting opens (chair and attendees wait in the session).
    OpenMeeting,
    AddToAgenda(Urn),
    CloseMeeting,
    /// Record every school's starting category (a first meeting's one item).
    EstablishCategories,
    /// Mark an action done, carried forward or dropped (with a note or reason).
    MoveAction(i64, super::actions_pane::ActionMove),
    /// Apologies and the next meeting's date.
    MeetingDetails(i64),
    /// Corrections to the chair and attendees.
    EditMeeting,
    /// `:N`: the agenda item to go to.
    GotoItem,
    /// A second category decision on a school: the earlier one's id, and the form to open.
    Supersede(i64, crate::model::DecisionKind),
}

/// The popup open over the screen: keys go to it, through the form or question keymap.
#[derive(Debug, Clone)]
pub enum Popup {
    Form(Form),
    Prompt(PromptKind, Prompt),
}

impl Popup {
    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keys: &FormKeys) {
        match self {
            Popup::Form(f) => f.render(area, buf, theme, keys),
            Popup::Prompt(_, p) => p.render(area, buf, theme, keys),
        }
    }

    /// The keymap mode its keys are read in.
    pub fn mode(&self) -> Mode {
        match self {
            Popup::Prompt(_, p) if p.is_confirm() => Mode::Question,
            Popup::Prompt(..) => Mode::Form,
            Popup::Form(f) => f.mode(),
        }
    }

    /// The error shown in the popup, if the last attempt failed.
    pub fn error(&self) -> Option<&str> {
        match self {
            Popup::Form(f) => f.error(),
            Popup::Prompt(_, p) => p.error.as_ref().map(|e| e.message.as_str()),
        }
    }
}
