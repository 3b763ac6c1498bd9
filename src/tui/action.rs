//! Every thing a key can do on the meeting screen. Keys become actions in one place (the
//! keymap); `App::apply` carries them out. Names are what `[keys.MODE]` in the config uses.

/// One user intention. New panes (detail, decision forms) add variants here and a row in
/// [`Action::ALL`], then bind keys in `keymap::DEFAULTS`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// Scroll the team columns when they do not all fit.
    ScrollLeft,
    ScrollRight,
    NextAgenda,
    PrevAgenda,
    /// Go to agenda item N (asks for the number).
    GotoItem,
    /// Start typing a filter on name or URN.
    Filter,
    /// Keep the typed filter and return to the grid.
    FilterAccept,
    /// Clear the typed filter and return to the grid.
    FilterCancel,
    FilterBackspace,
    /// A typed character (filter mode only; not bindable).
    Input(char),
    FilterMenu,
    CyclePhase,
    CycleCategory,
    CycleLama,
    CycleMaintained,
    AgendaOnly,
    ClearFilters,
    SortNext,
    SortPrev,
    SortReverse,
    Group,
    Freeze,
    Maximise,
    Help,
    /// Close an overlay (help, filter menu) or the detail pane.
    Close,
    /// Open the detail pane on the school under the cursor.
    OpenDetail,
    /// Scroll the detail pane.
    ScrollUp,
    ScrollDown,
    ScrollPageUp,
    ScrollPageDown,
    Recategorise,
    ConfirmCategory,
    Defer,
    Note,
    Undo,
    AddToAgenda,
    ExportMinutes,
    CloseMeeting,
    /// Record the starting category of every school with none (a first meeting's list).
    EstablishCategories,
    /// Show the school's confidential comments until the cursor moves.
    RevealConfidential,
    /// Open the actions list (open actions, overdue first).
    ShowActions,
    /// Mark the action under the cursor done, with a note.
    ActionDone,
    /// Carry the action under the cursor forward to the next meeting, with a reason.
    ActionCarry,
    /// Drop the action under the cursor, with a reason.
    ActionDrop,
    /// Set the meeting's apologies and the date of the next meeting.
    MeetingDetails,
    /// Correct the chair, add late arrivals.
    EditMeeting,
    /// In a form: done with this step, go on to the next (the review, where one follows).
    FormNext,
    /// In a form: record on the last step; in a list, choose; in a one-line field, move on.
    FormEnter,
    /// In a form: back a step (from the first step, close it; typed text asks first).
    FormBack,
    /// In a form: try the same save again after a failure that may pass.
    FormRetry,
    /// In a form: the next field.
    FieldNext,
    /// In a form: the previous field.
    FieldPrev,
    /// Answer a yes/no question yes.
    Yes,
    /// Answer a yes/no question no.
    No,
    /// On a question that offers it (opening the meeting): change what it asks about.
    Change,
    /// In the category picker: choose the category numbered as the digit pressed.
    PickNumber,
    /// On a review over capacity: record it all the same.
    RecordOverCapacity,
}

impl Action {
    /// Every bindable action, in the order help lists them.
    pub const ALL: &'static [Action] = &[
        Action::Up,
        Action::Down,
        Action::PageUp,
        Action::PageDown,
        Action::Top,
        Action::Bottom,
        Action::ScrollLeft,
        Action::ScrollRight,
        Action::NextAgenda,
        Action::PrevAgenda,
        Action::GotoItem,
        Action::Filter,
        Action::FilterAccept,
        Action::FilterCancel,
        Action::FilterBackspace,
        Action::FilterMenu,
        Action::CyclePhase,
        Action::CycleCategory,
        Action::CycleLama,
        Action::CycleMaintained,
        Action::AgendaOnly,
        Action::ClearFilters,
        Action::SortNext,
        Action::SortPrev,
        Action::SortReverse,
        Action::Group,
        Action::Freeze,
        Action::Maximise,
        Action::OpenDetail,
        Action::RevealConfidential,
        Action::ScrollUp,
        Action::ScrollDown,
        Action::ScrollPageUp,
        Action::ScrollPageDown,
        Action::Recategorise,
        Action::ConfirmCategory,
        Action::Defer,
        Action::Note,
        Action::Undo,
        Action::AddToAgenda,
        Action::ExportMinutes,
        Action::CloseMeeting,
        Action::EstablishCategories,
        Action::ShowActions,
        Action::ActionDone,
        Action::ActionCarry,
        Action::ActionDrop,
        Action::MeetingDetails,
        Action::EditMeeting,
        Action::FormNext,
        Action::FormEnter,
        Action::FormBack,
        Action::FormRetry,
        Action::FieldNext,
        Action::FieldPrev,
        Action::PickNumber,
        Action::RecordOverCapacity,
        Action::Yes,
        Action::No,
        Action::Change,
        Action::Help,
        Action::Close,
        Action::Quit,
    ];

    /// The name used in the config file.
    pub fn name(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Up => "up",
            Action::Down => "down",
            Action::PageUp => "page_up",
            Action::PageDown => "page_down",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::ScrollLeft => "scroll_left",
            Action::ScrollRight => "scroll_right",
            Action::NextAgenda => "next_agenda",
            Action::PrevAgenda => "prev_agenda",
            Action::GotoItem => "goto_item",
            Action::Filter => "filter",
            Action::FilterAccept => "filter_accept",
            Action::FilterCancel => "filter_cancel",
            Action::FilterBackspace => "filter_backspace",
            Action::Input(_) => "input",
            Action::FilterMenu => "filter_menu",
            Action::CyclePhase => "cycle_phase",
            Action::CycleCategory => "cycle_category",
            Action::CycleLama => "cycle_lama",
            Action::CycleMaintained => "cycle_maintained",
            Action::AgendaOnly => "agenda_only",
            Action::ClearFilters => "clear_filters",
            Action::SortNext => "sort_next",
            Action::SortPrev => "sort_prev",
            Action::SortReverse => "sort_reverse",
            Action::Group => "group",
            Action::Freeze => "freeze",
            Action::Maximise => "maximise",
            Action::Help => "help",
            Action::Close => "close",
            Action::OpenDetail => "open_detail",
            Action::ScrollUp => "scroll_up",
            Action::ScrollDown => "scroll_down",
            Action::ScrollPageUp => "scroll_page_up",
            Action::ScrollPageDown => "scroll_page_down",
            Action::Recategorise => "recategorise",
            Action::ConfirmCategory => "confirm",
            Action::Defer => "defer",
            Action::Note => "note",
            Action::Undo => "undo",
            Action::AddToAgenda => "add_to_agenda",
            Action::ExportMinutes => "export_minutes",
            Action::CloseMeeting => "close_meeting",
            Action::EstablishCategories => "establish_categories",
            Action::RevealConfidential => "reveal_confidential",
            Action::ShowActions => "show_actions",
            Action::ActionDone => "action_done",
            Action::ActionCarry => "action_carry",
            Action::ActionDrop => "action_drop",
            Action::MeetingDetails => "meeting_details",
            Action::EditMeeting => "edit_meeting",
            Action::FormNext => "form_next",
            Action::FormEnter => "form_enter",
            Action::FormBack => "form_back",
            Action::FormRetry => "form_retry",
            Action::FieldNext => "field_next",
            Action::FieldPrev => "field_prev",
            Action::Yes => "yes",
            Action::No => "no",
            Action::Change => "change",
            Action::PickNumber => "pick_number",
            Action::RecordOverCapacity => "record_over_capacity",
        }
    }

    /// True for the keys that record something (refused on a read-only database).
    pub fn writes(self) -> bool {
        matches!(
            self,
            Action::Recategorise
                | Action::ConfirmCategory
                | Action::Defer
                | Action::Note
                | Action::Undo
                | Action::AddToAgenda
                | Action::CloseMeeting
                | Action::EstablishCategories
                | Action::ActionDone
                | Action::ActionCarry
                | Action::ActionDrop
                | Action::MeetingDetails
                | Action::EditMeeting
        )
    }

    /// What it does, for the help screen.
    pub fn description(self) -> &'static str {
        match self {
            Action::Quit => "quit (the terminal is restored)",
            Action::Up => "move up",
            Action::Down => "move down",
            Action::PageUp => "page up",
            Action::PageDown => "page down",
            Action::Top => "first school",
            Action::Bottom => "last school",
            Action::ScrollLeft => "scroll team columns left",
            Action::ScrollRight => "scroll team columns right",
            Action::NextAgenda => "next open item on the agenda (in agenda order)",
            Action::PrevAgenda => "previous open item on the agenda",
            Action::GotoItem => "go to agenda item N",
            Action::Filter => "filter by name or URN (live)",
            Action::FilterAccept => "keep the filter",
            Action::FilterCancel => "clear the filter",
            Action::FilterBackspace => "delete a character",
            Action::Input(_) => "type",
            Action::FilterMenu => "filter menu (phase, category, LaMA, type)",
            Action::CyclePhase => "filter: next phase",
            Action::CycleCategory => "filter: next category",
            Action::CycleLama => "filter: next LaMA",
            Action::CycleMaintained => "filter: maintained / academy / all",
            Action::AgendaOnly => "agenda schools only (toggle)",
            Action::ClearFilters => "clear every filter",
            Action::SortNext => "sort by next column",
            Action::SortPrev => "sort by previous column",
            Action::SortReverse => "reverse the sort",
            Action::Group => "group by none / phase / category / LaMA",
            Action::Freeze => "freeze / resume live updates",
            Action::Maximise => "maximise the grid or the detail pane",
            Action::Help => "this help",
            Action::Close => "close (back to the grid)",
            Action::OpenDetail => "open the school's detail",
            Action::ScrollUp => "scroll up (detail pane, help)",
            Action::ScrollDown => "scroll down (detail pane, help)",
            Action::ScrollPageUp => "scroll up a page",
            Action::ScrollPageDown => "scroll down a page",
            Action::Recategorise => "recategorise the school (suggestion pre-selected)",
            Action::ConfirmCategory => "confirm the category (no change)",
            Action::Defer => "defer the decision (reason required)",
            Action::Note => "note an action without a change",
            Action::Undo => "undo a decision (recorded as a revocation)",
            Action::AddToAgenda => "add the school to the agenda, with a reason",
            Action::ExportMinutes => "export the minutes (Markdown and TOML)",
            Action::CloseMeeting => "close the meeting (decisions become final)",
            Action::EstablishCategories => {
                "categories to establish: the schools with none, and their starting categories"
            }
            Action::RevealConfidential => {
                "reveal this school's confidential comments (hidden again when you move)"
            }
            Action::ShowActions => "actions: open ones, overdue first (matters arising)",
            Action::ActionDone => "mark the action done, with a note",
            Action::ActionCarry => "carry the action forward, with a reason",
            Action::ActionDrop => "drop the action, with a reason",
            Action::MeetingDetails => "apologies and the next meeting's date, for the minutes",
            Action::EditMeeting => "correct the chair, add late arrivals (each change recorded)",
            Action::FormNext => "next step: done typing, review what will be recorded",
            Action::FormEnter => {
                "record (on the last step); choose (in a list); next field (one-line field)"
            }
            Action::FormBack => "back a step (from the first, cancel; typed text asks first)",
            Action::FormRetry => "try the same save again after it failed",
            Action::FieldNext => "next field",
            Action::FieldPrev => "previous field",
            Action::Yes => "yes",
            Action::No => "no",
            Action::Change => "change the date, chair or attendees first (opening a meeting)",
            Action::PickNumber => "the category with this number (bound to a digit key)",
            Action::RecordOverCapacity => "record it although it takes the service over capacity",
        }
    }

    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.iter().copied().find(|a| a.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for a in Action::ALL {
            assert!(seen.insert(a.name()), "duplicate {}", a.name());
            assert_eq!(Action::from_name(a.name()), Some(*a));
        }
        assert_eq!(Action::from_name("input"), None, "input is not bindable");
    }
}
