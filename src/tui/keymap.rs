//! The one table from (mode, key) to action. It drives key handling, the help screen and
//! the key hints, and `[keys.MODE]` in the config overrides it.

use super::action::Action;
use super::mode::Mode;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::BTreeMap;
use std::fmt;

/// A key with its modifiers, normalised so `G` arrives the same with or without SHIFT.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }

    pub const fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    pub fn from_event(ev: &KeyEvent) -> Key {
        Key {
            code: ev.code,
            ctrl: ev.modifiers.contains(KeyModifiers::CONTROL),
            alt: ev.modifiers.contains(KeyModifiers::ALT),
        }
    }

    /// A key that types a character (no ctrl or alt): text in a field, never a command there.
    pub fn is_text(&self) -> bool {
        matches!(self.code, KeyCode::Char(_)) && !self.ctrl && !self.alt
    }

    /// Parse a config key name: `x`, `G`, `?`, `Enter`, `Esc`, `PageDown`, `ctrl-c`, `alt-x`.
    pub fn parse(text: &str) -> Option<Key> {
        let mut rest = text;
        let (mut ctrl, mut alt) = (false, false);
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.chars().count() > 1 && (lower.starts_with("ctrl-") || lower.starts_with("c-")) {
                ctrl = true;
                rest = &rest[rest.find('-').map(|i| i + 1).unwrap_or(0)..];
            } else if rest.chars().count() > 1
                && (lower.starts_with("alt-") || lower.starts_with("m-"))
            {
                alt = true;
                rest = &rest[rest.find('-').map(|i| i + 1).unwrap_or(0)..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "pageup" | "pgup" => KeyCode::PageUp,
                "pagedown" | "pgdn" => KeyCode::PageDown,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "space" => KeyCode::Char(' '),
                f if f.starts_with('f') && f.len() > 1 => KeyCode::F(f[1..].parse().ok()?),
                _ => return None,
            },
        };
        Some(Key { code, ctrl, alt })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("ctrl-")?;
        }
        if self.alt {
            f.write_str("alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("BackTab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// The built-in bindings. `hint` marks the ones shown on the key-hints line.
struct Default {
    mode: Mode,
    key: Key,
    action: Action,
    hint: bool,
}

const fn d(mode: Mode, key: Key, action: Action, hint: bool) -> Default {
    Default {
        mode,
        key,
        action,
        hint,
    }
}

use KeyCode as K;
use Mode::{
    Actions as AC, Detail as D, Filter as F, FilterMenu as FM, Form as FO, Grid as G, Help as H,
    Question as Q,
};

const fn ctrl(c: char) -> Key {
    Key {
        code: K::Char(c),
        ctrl: true,
        alt: false,
    }
}

const DEFAULTS: &[Default] = &[
    d(G, Key::plain(K::Up), Action::Up, false),
    d(G, Key::ch('k'), Action::Up, false),
    d(G, Key::plain(K::Down), Action::Down, false),
    d(G, Key::ch('j'), Action::Down, false),
    d(G, Key::plain(K::PageUp), Action::PageUp, false),
    d(G, Key::plain(K::PageDown), Action::PageDown, false),
    d(G, Key::ch('g'), Action::Top, false),
    d(G, Key::plain(K::Home), Action::Top, false),
    d(G, Key::ch('G'), Action::Bottom, false),
    d(G, Key::plain(K::End), Action::Bottom, false),
    d(G, Key::plain(K::Left), Action::ScrollLeft, false),
    d(G, Key::ch('h'), Action::ScrollLeft, false),
    d(G, Key::plain(K::Right), Action::ScrollRight, false),
    d(G, Key::ch('l'), Action::ScrollRight, false),
    d(G, Key::ch('n'), Action::NextAgenda, true),
    d(G, Key::plain(K::Enter), Action::OpenDetail, true),
    d(G, Key::ch('c'), Action::Recategorise, true),
    d(G, Key::ch('x'), Action::ConfirmCategory, true),
    d(G, Key::ch('d'), Action::Defer, true),
    d(G, Key::ch('N'), Action::Note, false),
    d(G, Key::ch('u'), Action::Undo, false),
    d(G, Key::ch('A'), Action::AddToAgenda, false),
    d(G, Key::ch('E'), Action::ExportMinutes, false),
    d(G, Key::ch('C'), Action::CloseMeeting, false),
    d(G, Key::ch('M'), Action::EditMeeting, false),
    d(G, Key::ch('p'), Action::PrevAgenda, false),
    d(G, Key::ch(':'), Action::GotoItem, false),
    d(G, Key::ch('?'), Action::Help, true),
    d(G, Key::ch('/'), Action::Filter, true),
    d(G, Key::ch('f'), Action::FilterMenu, true),
    d(G, Key::ch('a'), Action::AgendaOnly, true),
    d(G, Key::ch('s'), Action::SortNext, true),
    d(G, Key::ch('>'), Action::SortNext, false),
    d(G, Key::ch('<'), Action::SortPrev, false),
    d(G, Key::ch('S'), Action::SortReverse, false),
    d(G, Key::ch('v'), Action::Group, true),
    d(G, Key::ch('F'), Action::Freeze, true),
    d(G, Key::ch('z'), Action::Maximise, false),
    d(G, Key::ch('R'), Action::RevealConfidential, false),
    d(G, Key::ch('o'), Action::ShowActions, true),
    d(G, Key::ch('i'), Action::MeetingDetails, false),
    d(G, Key::ch('q'), Action::Quit, true),
    d(
        G,
        Key {
            code: K::Char('c'),
            ctrl: true,
            alt: false,
        },
        Action::Quit,
        false,
    ),
    d(D, Key::plain(K::Esc), Action::Close, true),
    d(D, Key::ch('q'), Action::Close, false),
    d(D, Key::ch('j'), Action::ScrollDown, false),
    d(D, Key::plain(K::Down), Action::ScrollDown, false),
    d(D, Key::ch('k'), Action::ScrollUp, false),
    d(D, Key::plain(K::Up), Action::ScrollUp, false),
    d(D, Key::plain(K::PageDown), Action::ScrollPageDown, false),
    d(D, Key::ch(' '), Action::ScrollPageDown, false),
    d(D, Key::plain(K::PageUp), Action::ScrollPageUp, false),
    d(D, Key::ch('J'), Action::Down, false),
    d(D, Key::ch('K'), Action::Up, false),
    d(D, Key::ch('c'), Action::Recategorise, true),
    d(D, Key::ch('x'), Action::ConfirmCategory, true),
    d(D, Key::ch('d'), Action::Defer, true),
    d(D, Key::ch('N'), Action::Note, false),
    d(D, Key::ch('u'), Action::Undo, false),
    d(D, Key::ch('A'), Action::AddToAgenda, false),
    d(D, Key::ch('E'), Action::ExportMinutes, false),
    d(D, Key::ch('C'), Action::CloseMeeting, false),
    d(D, Key::ch('M'), Action::EditMeeting, false),
    d(D, Key::ch('n'), Action::NextAgenda, true),
    d(D, Key::ch('p'), Action::PrevAgenda, false),
    d(D, Key::ch(':'), Action::GotoItem, false),
    d(D, Key::ch('?'), Action::Help, true),
    d(D, Key::ch('z'), Action::Maximise, true),
    d(D, Key::ch('R'), Action::RevealConfidential, true),
    d(D, Key::ch('o'), Action::ShowActions, false),
    d(
        D,
        Key {
            code: K::Char('c'),
            ctrl: true,
            alt: false,
        },
        Action::Quit,
        false,
    ),
    d(AC, Key::ch('j'), Action::Down, false),
    d(AC, Key::plain(K::Down), Action::Down, false),
    d(AC, Key::ch('k'), Action::Up, false),
    d(AC, Key::plain(K::Up), Action::Up, false),
    d(AC, Key::ch('n'), Action::NextAgenda, true),
    d(AC, Key::ch('p'), Action::PrevAgenda, false),
    d(AC, Key::ch('x'), Action::ActionDone, true),
    d(AC, Key::ch('c'), Action::ActionCarry, true),
    d(AC, Key::ch('D'), Action::ActionDrop, true),
    d(AC, Key::ch('?'), Action::Help, false),
    d(AC, Key::plain(K::Esc), Action::Close, true),
    d(AC, Key::ch('o'), Action::Close, false),
    d(AC, Key::ch('q'), Action::Close, false),
    d(
        AC,
        Key {
            code: K::Char('c'),
            ctrl: true,
            alt: false,
        },
        Action::Quit,
        false,
    ),
    d(F, Key::plain(K::Enter), Action::FilterAccept, true),
    d(F, Key::plain(K::Esc), Action::FilterCancel, true),
    d(F, Key::plain(K::Backspace), Action::FilterBackspace, false),
    d(F, Key::plain(K::Up), Action::Up, false),
    d(F, Key::plain(K::Down), Action::Down, false),
    d(FM, Key::ch('p'), Action::CyclePhase, true),
    d(FM, Key::ch('c'), Action::CycleCategory, true),
    d(FM, Key::ch('l'), Action::CycleLama, true),
    d(FM, Key::ch('m'), Action::CycleMaintained, true),
    d(FM, Key::ch('a'), Action::AgendaOnly, true),
    d(FM, Key::ch('x'), Action::ClearFilters, true),
    d(FM, Key::plain(K::Esc), Action::Close, true),
    d(FM, Key::plain(K::Enter), Action::Close, false),
    d(FM, Key::ch('f'), Action::Close, false),
    d(H, Key::plain(K::Esc), Action::Close, true),
    d(H, Key::ch('j'), Action::ScrollDown, false),
    d(H, Key::plain(K::Down), Action::ScrollDown, false),
    d(H, Key::ch('k'), Action::ScrollUp, false),
    d(H, Key::plain(K::Up), Action::ScrollUp, false),
    d(H, Key::plain(K::PageDown), Action::ScrollPageDown, false),
    d(H, Key::ch(' '), Action::ScrollPageDown, false),
    d(H, Key::plain(K::PageUp), Action::ScrollPageUp, false),
    d(H, Key::ch('?'), Action::Close, false),
    d(H, Key::ch('q'), Action::Close, false),
    // Forms: Ctrl-S always moves on a step (to the review where one follows) and never
    // records; Enter records on the last step; Esc goes back. Tab is left to move between
    // fields, as in any form, so the step key is Ctrl-S, which no field types.
    d(FO, ctrl('s'), Action::FormNext, true),
    d(FO, Key::plain(K::Enter), Action::FormEnter, true),
    d(FO, Key::plain(K::Esc), Action::FormBack, true),
    d(FO, ctrl('r'), Action::FormRetry, false),
    d(FO, Key::plain(K::Tab), Action::FieldNext, true),
    d(FO, Key::plain(K::BackTab), Action::FieldPrev, false),
    d(Q, Key::ch('y'), Action::Yes, true),
    d(Q, Key::ch('Y'), Action::Yes, false),
    d(Q, Key::ch('n'), Action::No, true),
    d(Q, Key::ch('N'), Action::No, false),
    d(Q, Key::plain(K::Esc), Action::No, false),
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub mode: Mode,
    pub key: Key,
    pub action: Action,
    pub hint: bool,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum KeymapError {
    #[error("{file}: [keys]: unknown mode `{mode}` (known: {known})")]
    UnknownMode {
        file: String,
        mode: String,
        known: String,
    },
    #[error("{file}: [keys.{mode}]: `{key}` is not a key name (e.g. \"x\", \"G\", \"Enter\", \"PageDown\", \"ctrl-x\")")]
    UnknownKey {
        file: String,
        mode: String,
        key: String,
    },
    #[error("{file}: [keys.{mode}]: `{key}` is typed into the form's fields; bind a key with ctrl- or alt-, or Enter, Esc, Tab, an arrow or an F-key")]
    TextKeyInForm {
        file: String,
        mode: String,
        key: String,
    },
    #[error("{file}: [keys.{mode}] \"{key}\": unknown action `{action}`; press ? on the screen for the list (e.g. {example})")]
    UnknownAction {
        file: String,
        mode: String,
        key: String,
        action: String,
        example: String,
    },
}

#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Keymap {
    pub fn defaults() -> Keymap {
        Keymap {
            bindings: DEFAULTS
                .iter()
                .map(|b| Binding {
                    mode: b.mode,
                    key: b.key,
                    action: b.action,
                    hint: b.hint,
                })
                .collect(),
        }
    }

    /// The defaults with `[keys.MODE] "KEY" = "ACTION"` laid over them (`"none"` unbinds).
    /// `source` names the config file in messages.
    pub fn with_overrides(
        overrides: &BTreeMap<String, BTreeMap<String, String>>,
        source: &str,
    ) -> Result<Keymap, KeymapError> {
        let mut map = Keymap::defaults();
        for (mode_name, keys) in overrides {
            let mode = Mode::from_name(mode_name).ok_or_else(|| KeymapError::UnknownMode {
                file: source.to_string(),
                mode: mode_name.clone(),
                known: Mode::ALL.map(Mode::name).join(", "),
            })?;
            for (key_name, action_name) in keys {
                let key = Key::parse(key_name).ok_or_else(|| KeymapError::UnknownKey {
                    file: source.to_string(),
                    mode: mode_name.clone(),
                    key: key_name.clone(),
                })?;
                if mode.takes_text() && key.is_text() {
                    return Err(KeymapError::TextKeyInForm {
                        file: source.to_string(),
                        mode: mode_name.clone(),
                        key: key_name.clone(),
                    });
                }
                let action = if action_name == "none" {
                    None
                } else {
                    Some(Action::from_name(action_name).ok_or_else(|| {
                        KeymapError::UnknownAction {
                            file: source.to_string(),
                            mode: mode_name.clone(),
                            key: key_name.clone(),
                            action: action_name.clone(),
                            example: "up, down, filter, sort_next, freeze, quit".into(),
                        }
                    })?)
                };
                let hint = map
                    .bindings
                    .iter()
                    .any(|b| b.mode == mode && Some(b.action) == action && b.hint);
                map.bindings.retain(|b| !(b.mode == mode && b.key == key));
                if let Some(action) = action {
                    map.bindings.push(Binding {
                        mode,
                        key,
                        action,
                        hint,
                    });
                }
            }
        }
        Ok(map)
    }

    pub fn lookup(&self, mode: Mode, key: Key) -> Option<Action> {
        self.bindings
            .iter()
            .find(|b| b.mode == mode && b.key == key)
            .map(|b| b.action)
    }

    /// Keys bound to an action in a mode, in table order.
    pub fn keys_for(&self, mode: Mode, action: Action) -> impl Iterator<Item = Key> + '_ {
        self.bindings
            .iter()
            .filter(move |b| b.mode == mode && b.action == action)
            .map(|b| b.key)
    }

    /// Help rows for a mode: (keys, description), one per action, in `Action::ALL` order.
    pub fn help(&self, mode: Mode) -> Vec<(String, &'static str)> {
        Action::ALL
            .iter()
            .filter_map(|&a| {
                let keys: Vec<String> = self.keys_for(mode, a).map(|k| k.to_string()).collect();
                (!keys.is_empty()).then(|| (keys.join(" "), a.description()))
            })
            .collect()
    }

    /// The short hints line for a mode: `key word` pairs for the marked bindings.
    pub fn hints(&self, mode: Mode) -> Vec<(String, &'static str)> {
        let mut out: Vec<(String, &'static str)> = Vec::new();
        for b in self.bindings.iter().filter(|b| b.mode == mode && b.hint) {
            if out.iter().any(|(_, w)| *w == hint_word(b.action)) {
                continue;
            }
            out.push((b.key.to_string(), hint_word(b.action)));
        }
        out
    }
}

/// One or two words for the hints line.
fn hint_word(action: Action) -> &'static str {
    match action {
        Action::NextAgenda => "next on agenda",
        Action::Filter => "filter",
        Action::FilterMenu => "filters",
        Action::AgendaOnly => "agenda only",
        Action::SortNext => "sort",
        Action::Group => "group",
        Action::Freeze => "freeze",
        Action::Help => "help",
        Action::Quit => "quit",
        Action::FilterAccept => "keep",
        Action::FilterCancel => "clear",
        Action::CyclePhase => "phase",
        Action::CycleCategory => "category",
        Action::CycleLama => "LaMA",
        Action::CycleMaintained => "type",
        Action::ClearFilters => "clear all",
        Action::Close => "close",
        Action::OpenDetail => "detail",
        Action::Recategorise => "recategorise",
        Action::ConfirmCategory => "confirm",
        Action::Defer => "defer",
        Action::Undo => "undo",
        Action::Maximise => "maximise",
        Action::RevealConfidential => "reveal",
        Action::ShowActions => "actions",
        Action::ActionDone => "done",
        Action::ActionCarry => "carry forward",
        Action::ActionDrop => "drop",
        Action::MeetingDetails => "apologies",
        Action::FormNext => "next step",
        Action::FormEnter => "record",
        Action::FormBack => "back",
        Action::FieldNext => "next field",
        other => other.name(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn over(mode: &str, key: &str, action: &str) -> BTreeMap<String, BTreeMap<String, String>> {
        let mut inner = BTreeMap::new();
        inner.insert(key.to_string(), action.to_string());
        let mut m = BTreeMap::new();
        m.insert(mode.to_string(), inner);
        m
    }

    #[test]
    fn parses_key_names() {
        assert_eq!(Key::parse("x"), Some(Key::ch('x')));
        assert_eq!(Key::parse("G"), Some(Key::ch('G')));
        assert_eq!(Key::parse("PageDown"), Some(Key::plain(KeyCode::PageDown)));
        assert_eq!(Key::parse("F5"), Some(Key::plain(KeyCode::F(5))));
        let ctrl_x = Key::parse("ctrl-x").unwrap();
        assert!(ctrl_x.ctrl && ctrl_x.code == KeyCode::Char('x'));
        assert_eq!(Key::parse("-"), Some(Key::ch('-')));
        assert_eq!(Key::parse("wibble"), None);
    }

    #[test]
    fn every_default_key_is_unique_per_mode() {
        let map = Keymap::defaults();
        for (i, a) in map.bindings.iter().enumerate() {
            for b in &map.bindings[i + 1..] {
                assert!(
                    !(a.mode == b.mode && a.key == b.key),
                    "{:?} {} bound twice",
                    a.mode,
                    a.key
                );
            }
        }
    }

    #[test]
    fn overrides_rebind_and_unbind() {
        let map = Keymap::with_overrides(&over("grid", "x", "freeze"), "my.toml").unwrap();
        assert_eq!(map.lookup(Mode::Grid, Key::ch('x')), Some(Action::Freeze));
        assert_eq!(map.lookup(Mode::Grid, Key::ch('F')), Some(Action::Freeze));
        let map = Keymap::with_overrides(&over("grid", "q", "none"), "my.toml").unwrap();
        assert_eq!(map.lookup(Mode::Grid, Key::ch('q')), None);
    }

    #[test]
    fn bad_overrides_are_clear_errors() {
        let e = Keymap::with_overrides(&over("grid", "x", "explode"), "my.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("my.toml") && e.contains("explode"), "{e}");
        let e = Keymap::with_overrides(&over("grid", "wibble", "quit"), "my.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("wibble") && e.contains("not a key"), "{e}");
        let e = Keymap::with_overrides(&over("gird", "x", "quit"), "my.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("gird") && e.contains("grid"), "{e}");
    }

    #[test]
    fn form_keys_are_in_the_table_and_letters_stay_text() {
        let map = Keymap::with_overrides(&over("form", "F2", "form_next"), "c").unwrap();
        let next = [Key::parse("ctrl-s").unwrap(), Key::plain(KeyCode::F(2))];
        for key in next {
            assert_eq!(map.lookup(Mode::Form, key), Some(Action::FormNext));
        }
        assert_eq!(
            map.lookup(Mode::Form, Key::plain(KeyCode::Enter)),
            Some(Action::FormEnter)
        );
        assert_eq!(map.lookup(Mode::Form, Key::ch('q')), None, "q is text");
        let e = Keymap::with_overrides(&over("form", "s", "form_next"), "my.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("typed into the form"), "{e}");
        let q = Keymap::with_overrides(&over("question", "j", "yes"), "c").unwrap();
        assert_eq!(q.lookup(Mode::Question, Key::ch('j')), Some(Action::Yes));
    }

    #[test]
    fn help_is_generated_from_the_table() {
        let map = Keymap::with_overrides(&over("grid", "x", "freeze"), "c").unwrap();
        let help = map.help(Mode::Grid);
        let freeze = help
            .iter()
            .find(|(_, d)| *d == Action::Freeze.description())
            .unwrap();
        assert_eq!(freeze.0, "F x");
        assert!(map
            .hints(Mode::Grid)
            .iter()
            .any(|(k, w)| k == "?" && *w == "help"));
    }
}
