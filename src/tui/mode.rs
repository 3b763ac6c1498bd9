//! What the keyboard is talking to. Each mode has its own key table; new panes and forms
//! (detail, decision) add a variant here and a section in `keymap::DEFAULTS`.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mode {
    /// Moving around the heat map.
    Grid,
    /// Typing a name/URN filter; unbound printable keys are typed.
    Filter,
    /// The small menu of filters (phase, category, LaMA, type, agenda).
    FilterMenu,
    /// The help overlay.
    Help,
    /// The detail pane on one school.
    Detail,
    /// The list of actions (and, as a meeting opens, its matters arising).
    Actions,
    /// A form or text popup (decisions, add to the agenda, the meeting's details). Only
    /// non-text keys are bound here: letters are typed into the field.
    Form,
    /// A yes/no question: `y` or `n`, never a bare Enter.
    Question,
    /// Choosing from a list (the new category, the decision to undo): nothing is typed,
    /// letters move.
    Picker,
    /// The review of a recategorisation that takes the service over capacity: Enter does
    /// not record it, one deliberate key does.
    OverCapacity,
}

impl Mode {
    pub const ALL: [Mode; 10] = [
        Mode::Grid,
        Mode::Detail,
        Mode::Actions,
        Mode::Filter,
        Mode::FilterMenu,
        Mode::Form,
        Mode::Picker,
        Mode::OverCapacity,
        Mode::Question,
        Mode::Help,
    ];

    /// The name used for `[keys.MODE]` in the config.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Grid => "grid",
            Mode::Filter => "filter",
            Mode::FilterMenu => "filter_menu",
            Mode::Help => "help",
            Mode::Detail => "detail",
            Mode::Actions => "actions",
            Mode::Form => "form",
            Mode::Question => "question",
            Mode::Picker => "picker",
            Mode::OverCapacity => "over_capacity",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Mode::Grid => "Grid",
            Mode::Filter => "Typing a filter",
            Mode::FilterMenu => "Filter menu",
            Mode::Help => "Help",
            Mode::Detail => "Detail pane",
            Mode::Actions => "Actions and matters arising",
            Mode::Form => "Forms (decisions, add to agenda, meeting details)",
            Mode::Question => "Yes/no questions",
            Mode::Picker => "Choosing from a list (a category, the decision to undo)",
            Mode::OverCapacity => "Recording over capacity (recategorise review)",
        }
    }

    /// Modes whose steps take typed text: a letter there is text, never a command.
    pub fn takes_text(self) -> bool {
        matches!(self, Mode::Form)
    }

    pub fn from_name(name: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.name() == name)
    }
}
