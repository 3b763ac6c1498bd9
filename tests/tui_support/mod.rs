//! Builders shared by the screen tests: a fictional borough built in memory, a small fixed
//! assessor (so screen snapshots do not move when the policy rules are tuned), and helpers
//! to render and describe a buffer's text and styles.
#![allow(dead_code)]

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use std::path::Path;
use termly::clock::{Clock, FakeClock, SharedClock};
use termly::config::Config;
use termly::dataset::{Dataset, TermScores};
use termly::model::{CategorySpell, Phase, School};
use termly::policy::{
    AgendaReason, Capacity, Composite, EffectiveScore, Flag, FlagLevel, SchoolAssessment,
    Suggestion, SuggestionKind, TermAssessment, Trend,
};
use termly::term::{Season, Term};
use termly::tui::theme::{ColorDepth, Theme, ThemeKind};
use termly::tui::{App, Hooks};

pub const TODAY: (i32, u32, u32) = (2026, 11, 20);

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(TODAY.0, TODAY.1, TODAY.2).unwrap()
}

/// A clock standing at noon on [`today`].
pub fn clock() -> SharedClock {
    FakeClock::on(today()).shared()
}

/// A clock from noon on [`today`] that moves on a second at every reading, so each write
/// has its own timestamp, as on a real clock.
pub fn ticking_clock() -> SharedClock {
    let noon = FakeClock::on(today()).now();
    FakeClock::stepping(noon, chrono::Duration::seconds(1)).shared()
}

pub fn config() -> Config {
    Config::default_with_base(Path::new("config")).unwrap()
}

const FIRST: [&str; 12] = [
    "Alder",
    "Bramble",
    "Cobble",
    "Dunmere",
    "Elmwick",
    "Fernhill",
    "Gorsey",
    "Hollybank",
    "Ivydene",
    "Juniper",
    "Kestrel",
    "Larchfield",
];
const SECOND: [&str; 5] = [
    " Primary School",
    " Academy",
    " Community College",
    " Church of England Voluntary Aided Junior School",
    " Nursery School",
];

/// `n` fictional schools with three terms of scores for the four default teams.
pub fn dataset(n: usize) -> Dataset {
    let teams = config().team_keys();
    let categories = ["core", "focused", "enhanced", "intensive_a", "core", "core"];
    let mut d = Dataset {
        teams: teams.clone(),
        ..Dataset::default()
    };
    for i in 0..n {
        let academy = i % 3 == 1;
        let phase = [
            Phase::Primary,
            Phase::Secondary,
            Phase::Special,
            Phase::Primary,
        ][i % 4];
        let urn = 100001 + i as u32;
        d.schools.push(School {
            urn,
            name: format!(
                "{}{}",
                FIRST[i % FIRST.len()],
                SECOND[(i / FIRST.len() + i) % SECOND.len()]
            ),
            phase,
            establishment_type: if academy {
                "Academy converter"
            } else {
                "Community school"
            }
            .into(),
            maintained: !academy,
            pupils: Some(200 + i as u32),
            headteacher: None,
            la_code: None,
            sip: None,
            lama: Some(["Adviser One", "Adviser Two", "Adviser Three"][i % 3].into()),
        });
        d.inspections.push(Vec::new());
        d.categories.push(vec![CategorySpell::imported(
            urn,
            categories[i % categories.len()],
            NaiveDate::from_ymd_opt(2025, 9, 1).unwrap(),
        )]);
    }
    for (k, season) in [Season::Spring, Season::Summer].into_iter().enumerate() {
        d.terms
            .push(scores(Term::new(2025, season), n, teams.len(), k));
    }
    d.terms
        .push(scores(Term::new(2026, Season::Autumn), n, teams.len(), 2));
    d
}

fn scores(term: Term, n: usize, n_teams: usize, k: usize) -> TermScores {
    let mut t = TermScores::new(term, n, n_teams);
    for s in 0..n {
        for team in 0..n_teams {
            // Deterministic spread over 1..=4 with some gaps.
            let v = (s * 7 + team * 3 + k * (s % 2)) % 9;
            t.scores[s * n_teams + team] = match v {
                0 => None,
                1..=3 => Some(1),
                4 | 5 => Some(2),
                6 | 7 => Some(3),
                _ => Some(4),
            };
        }
    }
    t
}

/// A fixed, simple assessment: mean composite, a suggestion when any team is at the top.
pub fn assess(
    config: &Config,
    data: &Dataset,
    term_idx: usize,
    _today: NaiveDate,
) -> TermAssessment {
    let n_teams = data.n_teams();
    let composite = |ti: usize, s: usize| {
        let v: Vec<u8> = (0..n_teams).filter_map(|t| data.score(ti, s, t)).collect();
        (!v.is_empty()).then(|| {
            let value = v.iter().map(|&x| x as f64).sum::<f64>() / v.len() as f64;
            let band = config
                .composite
                .bands
                .iter()
                .rposition(|b| b.from <= value)
                .unwrap_or(0);
            Composite {
                value,
                band,
                teams_counted: v.len(),
            }
        })
    };
    let mut agenda = Vec::new();
    let schools = (0..data.schools.len())
        .map(|s| {
            let scores: Vec<Option<EffectiveScore>> = (0..n_teams)
                .map(|t| {
                    data.score(term_idx, s, t).map(|value| EffectiveScore {
                        value,
                        derived_from: None,
                    })
                })
                .collect();
            let now = composite(term_idx, s);
            let prev = term_idx.checked_sub(1).and_then(|p| composite(p, s));
            let trend = match (&now, &prev) {
                (Some(a), Some(b)) if a.value > b.value => Trend::Up,
                (Some(a), Some(b)) if a.value < b.value => Trend::Down,
                (Some(_), Some(_)) => Trend::Same,
                _ => Trend::New,
            };
            let top = scores.iter().flatten().any(|x| x.value == config.scale.max);
            let mut flags = Vec::new();
            if data.score(term_idx, s, 2) == Some(4) {
                flags.push(Flag {
                    level: FlagLevel::Major,
                    text: "PA 31%".into(),
                });
            }
            if trend == Trend::Up {
                flags.push(Flag {
                    level: FlagLevel::Minor,
                    text: "rising".into(),
                });
            }
            let reasons = if top {
                vec![AgendaReason {
                    urgency: 3,
                    text: "a team at the top of the scale".into(),
                }]
            } else {
                Vec::new()
            };
            if top {
                agenda.push(s);
            }
            SchoolAssessment {
                scores,
                composite: now,
                previous_composite: prev,
                trend,
                current_category: data
                    .category_at(s, data.terms[term_idx].term)
                    .map(|c| c.category.clone()),
                suggestion: top.then(|| Suggestion {
                    kind: SuggestionKind::AtLeast,
                    category: "intensive_a".into(),
                }),
                reasons: Vec::new(),
                flags,
                time_in_category: None,
                agenda: reasons,
            }
        })
        .collect();
    TermAssessment {
        term: data.terms[term_idx].term,
        schools,
        agenda,
    }
}

pub fn capacity(config: &Config, data: &Dataset, term: termly::term::Term) -> Capacity {
    let hours = termly::policy::categories_at(data, term)
        .iter()
        .flatten()
        .filter_map(|c| config.category(c))
        .map(|c| c.lama_hours_per_term())
        .sum();
    Capacity {
        lama_hours_term: hours,
        lama_capacity_term: config.capacity.lama_hours_term,
        ..Capacity::default()
    }
}

pub fn hooks() -> Hooks {
    Hooks {
        assess,
        capacity,
        import: None,
    }
}

pub fn theme(kind: ThemeKind) -> Theme {
    let c = config();
    Theme::build(
        kind,
        c.scale.labels.len(),
        c.categories.len(),
        ColorDepth::TrueColor,
    )
}

/// An App on `n` schools with the dark truecolor theme.
pub fn app(n: usize) -> App {
    App::new(config(), dataset(n), None, clock(), hooks())
        .unwrap()
        .with_theme(theme(ThemeKind::Dark))
}

/// An App on a real store with the real policy, as the screen command builds it.
pub fn store_app(config: Config, store: termly::store::Store) -> App {
    store_app_with_clock(config, store, ticking_clock())
}

/// [`store_app`] reading the time from `clock`.
pub fn store_app_with_clock(
    config: Config,
    store: termly::store::Store,
    clock: SharedClock,
) -> App {
    let teams = config.team_keys();
    let data = termly::store::load_dataset(&store, &teams).unwrap();
    App::new(config, data, None, clock, termly::commands::screen::hooks())
        .unwrap()
        .with_store(store)
        .unwrap()
}

pub fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

pub fn code(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

/// Resolve then apply, as the event loop does.
pub fn press(app: &mut App, ev: KeyEvent) {
    if let Some(a) = app.handle_key(ev) {
        app.apply(a);
    }
}

pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, key(c));
    }
}

/// Draw the screen at w×h (setting the page size first, as the loop does).
pub fn draw(app: &mut App, w: u16, h: u16) -> Buffer {
    let area = Rect::new(0, 0, w, h);
    app.set_page(termly::tui::ui::page_rows(app, area));
    let mut buf = Buffer::empty(area);
    termly::tui::ui::render_buffer(app, area, &mut buf);
    buf
}

pub fn text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        for x in 0..buf.area.width {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn color(c: Color) -> String {
    match c {
        Color::Reset => "-".into(),
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        Color::Indexed(i) => format!("i{i}"),
        other => format!("{other:?}"),
    }
}

fn style_code(s: Style) -> String {
    let fg = s.fg.map(color).unwrap_or_else(|| "-".into());
    let bg = s.bg.map(color).unwrap_or_else(|| "-".into());
    let m = s.add_modifier;
    let mut mods = String::new();
    for (flag, ch) in [
        (Modifier::BOLD, 'B'),
        (Modifier::REVERSED, 'R'),
        (Modifier::UNDERLINED, 'U'),
        (Modifier::DIM, 'D'),
        (Modifier::ITALIC, 'I'),
    ] {
        if m.contains(flag) {
            mods.push(ch);
        }
    }
    format!("{fg}/{bg}{}{mods}", if mods.is_empty() { "" } else { "/" })
}

/// Each row's styles as runs: `12×#e1e1e1/#121218 5×#000000/#fde737/B`.
pub fn styles(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut runs: Vec<(String, usize)> = Vec::new();
        for x in 0..buf.area.width {
            let c = &buf[(x, y)];
            let code = style_code(c.style());
            match runs.last_mut() {
                Some((last, n)) if *last == code => *n += 1,
                _ => runs.push((code, 1)),
            }
        }
        let line: Vec<String> = runs.iter().map(|(c, n)| format!("{n}×{c}")).collect();
        out.push_str(&format!("{y:2}: {}\n", line.join(" ")));
    }
    out
}
