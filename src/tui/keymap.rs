//! The one table from (mode, key) to action. It drives key handling, the help screen and
//! the key hints, and `[keys.MODE]` in the config overrides it.

use super::action::Action;
use super::key_table::DEFAULTS;
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
    /// `keys`: the two spellings, as `"Enter" and "enter"`; `actions`: `` `a` and `b` ``.
    #[error("{file}: [keys.{mode}]: {keys} are the same key, bound to two actions ({actions}); keep one")]
    TwoActions {
        file: String,
        mode: String,
        keys: String,
        actions: String,
    },
    #[error(
        "{file}: [keys.grid]: no key is left to quit the screen; bind one, as \"q\" = \"quit\""
    )]
    NoQuit { file: String },
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
    /// `place` says where the config sets a key (`["keys", "grid", "x"]` →
    /// `termly.toml:12:1`), for refusals.
    pub fn with_overrides(
        overrides: &BTreeMap<String, BTreeMap<String, String>>,
        place: &dyn Fn(&[&str]) -> String,
    ) -> Result<Keymap, KeymapError> {
        let mut map = Keymap::defaults();
        for (mode_name, keys) in overrides {
            let source = place(&["keys", mode_name]);
            let source = source.as_str();
            let mode = Mode::from_name(mode_name).ok_or_else(|| KeymapError::UnknownMode {
                file: source.to_string(),
                mode: mode_name.clone(),
                known: Mode::ALL.map(Mode::name).join(", "),
            })?;
            // Each key once per mode, however it is spelled ("enter", "Enter").
            let mut seen: Vec<(Key, &String, &String)> = Vec::new();
            for (key_name, action_name) in keys {
                let place_of_key = place(&["keys", mode_name, key_name]);
                let source = place_of_key.as_str();
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
                if let Some((_, first, first_action)) = seen.iter().find(|(k, ..)| *k == key) {
                    if *first_action != action_name {
                        return Err(KeymapError::TwoActions {
                            file: source.to_string(),
                            mode: mode_name.clone(),
                            keys: format!("\"{first}\" and \"{key_name}\""),
                            actions: format!("`{first_action}` and `{action_name}`"),
                        });
                    }
                }
                seen.push((key, key_name, action_name));
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
        if map.keys_for(Mode::Grid, Action::Quit).next().is_none() {
            return Err(KeymapError::NoQuit {
                file: place(&["keys", "grid"]),
            });
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
            let word = hint_word(mode, b.action);
            if out.iter().any(|(_, w)| *w == word) {
                continue;
            }
            out.push((b.key.to_string(), word));
        }
        out
    }
}

/// One or two words for the hints line.
fn hint_word(mode: Mode, action: Action) -> &'static str {
    match action {
        Action::FormEnter if mode == Mode::Picker => "choose",
        Action::PickNumber => "by number",
        Action::RecordOverCapacity => "record over capacity",
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
        let map = Keymap::with_overrides(&over("grid", "x", "freeze"), &|_| "my.toml".to_string())
            .unwrap();
        assert_eq!(map.lookup(Mode::Grid, Key::ch('x')), Some(Action::Freeze));
        assert_eq!(map.lookup(Mode::Grid, Key::ch('F')), Some(Action::Freeze));
        let mut grid = BTreeMap::new();
        grid.insert("q".to_string(), "none".to_string());
        grid.insert("ctrl-q".to_string(), "quit".to_string());
        let map = Keymap::with_overrides(&BTreeMap::from([("grid".to_string(), grid)]), &|_| {
            "my.toml".to_string()
        })
        .unwrap();
        assert_eq!(map.lookup(Mode::Grid, Key::ch('q')), None);
        assert_eq!(
            map.lookup(Mode::Grid, Key::parse("ctrl-q").unwrap()),
            Some(Action::Quit)
        );
    }

    #[test]
    fn a_keymap_with_no_way_to_quit_is_refused() {
        let mut grid = BTreeMap::new();
        grid.insert("q".to_string(), "none".to_string());
        grid.insert("ctrl-c".to_string(), "help".to_string());
        let e = Keymap::with_overrides(
            &BTreeMap::from([("grid".to_string(), grid)]),
            &|p: &[&str]| format!("my.toml ({})", p.join(".")),
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.starts_with("my.toml (keys.grid): [keys.grid]: no key is left to quit"),
            "{e}"
        );
    }

    #[test]
    fn one_key_bound_to_two_actions_is_refused_naming_both() {
        let mut grid = BTreeMap::new();
        grid.insert("Enter".to_string(), "freeze".to_string());
        grid.insert("enter".to_string(), "help".to_string());
        let e = Keymap::with_overrides(
            &BTreeMap::from([("grid".to_string(), grid)]),
            &|p: &[&str]| format!("my.toml:{}", p.join(".")),
        )
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("my.toml:keys.grid.enter: [keys.grid]"), "{e}");
        assert!(
            e.contains("\"Enter\" and \"enter\" are the same key")
                && e.contains("`freeze` and `help`"),
            "{e}"
        );
    }

    #[test]
    fn bad_overrides_are_clear_errors() {
        let e = Keymap::with_overrides(&over("grid", "x", "explode"), &|_| "my.toml".to_string())
            .unwrap_err()
            .to_string();
        assert!(e.contains("my.toml") && e.contains("explode"), "{e}");
        let e = Keymap::with_overrides(&over("grid", "wibble", "quit"), &|_| "my.toml".to_string())
            .unwrap_err()
            .to_string();
        assert!(e.contains("wibble") && e.contains("not a key"), "{e}");
        let e = Keymap::with_overrides(&over("gird", "x", "quit"), &|_| "my.toml".to_string())
            .unwrap_err()
            .to_string();
        assert!(e.contains("gird") && e.contains("grid"), "{e}");
    }

    #[test]
    fn form_keys_are_in_the_table_and_letters_stay_text() {
        let map =
            Keymap::with_overrides(&over("form", "F2", "form_next"), &|_| "c".to_string()).unwrap();
        let next = [Key::parse("ctrl-s").unwrap(), Key::plain(KeyCode::F(2))];
        for key in next {
            assert_eq!(map.lookup(Mode::Form, key), Some(Action::FormNext));
        }
        assert_eq!(
            map.lookup(Mode::Form, Key::plain(KeyCode::Enter)),
            Some(Action::FormEnter)
        );
        assert_eq!(map.lookup(Mode::Form, Key::ch('q')), None, "q is text");
        let e = Keymap::with_overrides(&over("form", "s", "form_next"), &|_| "my.toml".to_string())
            .unwrap_err()
            .to_string();
        assert!(e.contains("typed into the form"), "{e}");
        let q =
            Keymap::with_overrides(&over("question", "j", "yes"), &|_| "c".to_string()).unwrap();
        assert_eq!(q.lookup(Mode::Question, Key::ch('j')), Some(Action::Yes));
    }

    #[test]
    fn picker_and_over_capacity_keys_are_in_the_table() {
        let map = Keymap::defaults();
        assert_eq!(map.lookup(Mode::Picker, Key::ch('j')), Some(Action::Down));
        assert_eq!(
            map.lookup(Mode::Picker, Key::ch('5')),
            Some(Action::PickNumber)
        );
        assert_eq!(
            map.lookup(Mode::OverCapacity, Key::ch('o')),
            Some(Action::RecordOverCapacity)
        );
        assert_eq!(
            map.lookup(Mode::OverCapacity, Key::plain(KeyCode::Enter)),
            None,
            "over capacity, Enter records nothing"
        );
        let words: Vec<&str> = map
            .hints(Mode::Picker)
            .into_iter()
            .map(|(_, w)| w)
            .collect();
        assert!(words.contains(&"choose"), "{words:?}");
        // Nothing is typed in the picker, so a letter may be bound there.
        let map =
            Keymap::with_overrides(&over("picker", "w", "down"), &|_| "c".to_string()).unwrap();
        assert_eq!(map.lookup(Mode::Picker, Key::ch('w')), Some(Action::Down));
        assert!(map
            .help(Mode::Picker)
            .iter()
            .any(|(keys, d)| keys.contains('w') && *d == Action::Down.description()));
    }

    #[test]
    fn help_is_generated_from_the_table() {
        let map =
            Keymap::with_overrides(&over("grid", "x", "freeze"), &|_| "c".to_string()).unwrap();
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
