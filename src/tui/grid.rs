//! The heat-map grid: a frozen header row and name column, a row per school, a column per
//! team, composite, trend, suggestion and flags. Only the visible rows are drawn, straight
//! into the buffer, so 24,000 schools scroll as fast as 70.

use super::cells::{fill, put, put_centred, score_text};
use super::grid_layout::{team_width, Col, ColKind, GridLayout};
use super::marks;
use super::session::decision_glyph;
use super::theme::Theme;
use super::view::{type_short, Row, RowCache, Sort, SortColumn};
use crate::config::Config;
use crate::dataset::Dataset;
use crate::model::DecisionKind;
use crate::policy::{FlagLevel, SchoolAssessment, TermAssessment, Trend};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;
use std::fmt::Write;

/// What the grid draws: the rows, the data behind them, and where the cursor and scroll are.
pub struct GridView<'a> {
    pub config: &'a Config,
    pub data: &'a Dataset,
    pub assessment: &'a TermAssessment,
    pub cache: &'a RowCache,
    pub rows: &'a [Row],
    pub cursor: usize,
    /// First body row the screen last showed (a hint: the cursor is kept in view).
    pub top: usize,
    /// First team column shown.
    pub h_scroll: usize,
    pub sort: Sort,
    /// Per school: the kind of its standing decision in the open meeting.
    pub decided: &'a [Option<DecisionKind>],
    /// Per school: its category decision in the open meeting departs from the policy.
    pub departs: &'a [bool],
    pub theme: &'a Theme,
}

/// Which columns fit at this width, scrolled sideways by `h_scroll` team columns.
pub fn layout(config: &Config, h_scroll: usize, width: u16) -> GridLayout {
    let widths: Vec<u16> = config.teams.iter().map(|t| team_width(t.short())).collect();
    GridLayout::compute(width, &widths, h_scroll)
}

impl GridView<'_> {
    pub fn layout(&self, width: u16) -> GridLayout {
        layout(self.config, self.h_scroll, width)
    }

    /// The first row to draw so the cursor is visible (pure: `top` is a hint).
    pub fn first_row(&self, body: usize) -> usize {
        let body = body.max(1);
        let mut top = self.top;
        if self.cursor < top {
            top = self.cursor;
        } else if self.cursor >= top + body {
            top = self.cursor + 1 - body;
        }
        top.min(self.rows.len().saturating_sub(body))
    }

    fn decision_mark(&self, school: usize) -> Option<&'static str> {
        if self.departs.get(school) == Some(&true) {
            return Some(super::session::DEPARTURE_GLYPH);
        }
        self.decided
            .get(school)
            .copied()
            .flatten()
            .map(decision_glyph)
    }
}

impl Widget for &GridView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let g = self;
        let layout = g.layout(area.width);
        header_row(g, &layout, area, buf);
        let body = super::layout::grid_body_height(area.height);
        let first = g.first_row(body);
        let mut text = String::with_capacity(64);
        for (line, r) in (first..g.rows.len()).take(body).enumerate() {
            let y = area.y + 1 + line as u16;
            match &g.rows[r] {
                Row::Group { label, count } => group_row(g, label, *count, area, y, buf),
                Row::School(i) => {
                    let row = SchoolRow::new(g, *i, r == g.cursor);
                    row.draw(&layout, area, y, buf, &mut text);
                }
            }
        }
        // Rows below the last school keep the base style.
        let drawn = g.rows.len().saturating_sub(first).min(body) as u16;
        for y in area.y + 1 + drawn..area.bottom() {
            fill(buf, area.x, y, area.width, g.theme.base);
        }
    }
}

fn header_row(app: &GridView, layout: &GridLayout, area: Rect, buf: &mut Buffer) {
    let style = app.theme.column_header;
    fill(buf, area.x, area.y, area.width, style);
    let sorted = app.sort.column;
    let arrow = if app.sort.descending() { "▼" } else { "▲" };
    for c in &layout.cols {
        let x = area.x + c.x;
        let (label, sort_col): (&str, Option<SortColumn>) = match c.kind {
            ColKind::Mark => (if layout.hidden_left { "‹" } else { "" }, None),
            ColKind::Name => ("School", Some(SortColumn::Name)),
            ColKind::Phase => ("Ph", Some(SortColumn::Phase)),
            ColKind::Type => ("Type", Some(SortColumn::Type)),
            ColKind::Ofsted => ("Ofs", Some(SortColumn::Ofsted)),
            ColKind::Category => ("Category", Some(SortColumn::Category)),
            ColKind::Team(t) => (app.config.teams[t].short(), Some(SortColumn::Team(t))),
            ColKind::Sep => (
                if layout.hidden_right {
                    "›│"
                } else {
                    " │"
                },
                None,
            ),
            ColKind::Composite => ("Σ", Some(SortColumn::Composite)),
            ColKind::Trend => ("↕", Some(SortColumn::Trend)),
            ColKind::Suggest => ("Suggests", Some(SortColumn::Suggestion)),
            ColKind::Flags => ("Flags", Some(SortColumn::Flags)),
        };
        let is_team = matches!(c.kind, ColKind::Team(_));
        let full = is_team || matches!(c.kind, ColKind::Sep | ColKind::Mark);
        let w = if full { c.w } else { c.w.saturating_sub(1) };
        let end = if is_team {
            put_centred(buf, x, area.y, w, label, style);
            x + (w + label.chars().count() as u16) / 2
        } else {
            x + put(buf, x, area.y, w.max(1), label, style)
        };
        if sort_col == Some(sorted) && end < area.right() {
            put(buf, end, area.y, 1, arrow, style);
        }
    }
}

fn group_row(app: &GridView, label: &str, count: usize, area: Rect, y: u16, buf: &mut Buffer) {
    let style = app.theme.group;
    fill(buf, area.x, y, area.width, style);
    let mut x = area.x + put(buf, area.x, y, area.width, "── ", style);
    x += put(buf, x, y, area.right().saturating_sub(x), label, style);
    let mut n = [0u8; 16];
    let count_text = count_text(count, &mut n);
    x += put(buf, x, y, area.right().saturating_sub(x), count_text, style);
    for cx in x..area.right() {
        put(buf, cx, y, 1, "─", style);
    }
}

fn count_text(count: usize, out: &mut [u8; 16]) -> &str {
    let mut digits = [0u8; 12];
    let mut d = 0;
    let mut v = count;
    loop {
        digits[11 - d] = b'0' + (v % 10) as u8;
        d += 1;
        v /= 10;
        if v == 0 || d == 12 {
            break;
        }
    }
    out[0] = b' ';
    out[1] = b'(';
    out[2..2 + d].copy_from_slice(&digits[12 - d..]);
    out[2 + d] = b')';
    out[3 + d] = b' ';
    std::str::from_utf8(&out[..4 + d]).unwrap_or("")
}

/// One school's row: each column drawn by its own step.
struct SchoolRow<'g, 'a> {
    g: &'g GridView<'a>,
    /// Index into the dataset's schools.
    i: usize,
    a: Option<&'a SchoolAssessment>,
    is_cursor: bool,
    style: Style,
}

impl<'g, 'a> SchoolRow<'g, 'a> {
    fn new(g: &'g GridView<'a>, i: usize, is_cursor: bool) -> Self {
        let style = if is_cursor {
            g.theme.cursor
        } else {
            g.theme.base
        };
        SchoolRow {
            g,
            i,
            a: g.assessment.schools.get(i),
            is_cursor,
            style,
        }
    }

    /// The row's style with another style's text colour. The cursor bar keeps its own text
    /// colour: a hue that reads on the page may not read on the bar, and the bar is the row
    /// the room is reading.
    fn tint(&self, other: Style) -> Style {
        if self.is_cursor {
            self.style
        } else {
            with_fg(self.style, other)
        }
    }

    fn draw(&self, layout: &GridLayout, area: Rect, y: u16, buf: &mut Buffer, text: &mut String) {
        fill(buf, area.x, y, area.width, self.style);
        for c in &layout.cols {
            self.cell(c, area.x + c.x, y, buf, text);
        }
    }

    fn cell(&self, c: &Col, x: u16, y: u16, buf: &mut Buffer, text: &mut String) {
        let (g, i, row_style) = (self.g, self.i, self.style);
        let school = &g.data.schools[i];
        let w = c.w;
        let text_w = w.saturating_sub(1).max(1);
        match c.kind {
            ColKind::Mark => self.mark(x, y, w, buf),
            ColKind::Name => put(buf, x, y, text_w, &school.name, row_style),
            ColKind::Phase => put(buf, x, y, text_w, school.phase.short(), row_style),
            ColKind::Type => put(buf, x, y, text_w, type_short(school), row_style),
            ColKind::Ofsted => put(buf, x, y, text_w, &g.cache.ofsted[i], row_style),
            ColKind::Category => self.category(x, y, w, buf),
            ColKind::Team(t) => self.team(t, x, y, w, buf),
            ColKind::Sep => put(buf, x, y, w, " │", row_style),
            ColKind::Composite => self.composite(x, y, w, buf, text),
            ColKind::Trend => self.trend(x, y, buf),
            ColKind::Suggest => self.suggestion(x, y, text_w, buf),
            ColKind::Flags => self.flags(x, y, w, buf),
        };
    }

    /// The cursor's mark, or a dot for a school on the agenda.
    fn mark(&self, x: u16, y: u16, w: u16, buf: &mut Buffer) -> u16 {
        let on_agenda = self.a.is_some_and(|a| a.on_agenda());
        let mark = if self.is_cursor {
            self.g.theme.cursor_mark
        } else if on_agenda {
            marks::AGENDA
        } else {
            ""
        };
        put(buf, x, y, w, mark, self.style)
    }

    /// The current category, and the open meeting's decision mark in the spare cell.
    fn category(&self, x: u16, y: u16, w: u16, buf: &mut Buffer) -> u16 {
        let g = self.g;
        let idx = g.cache.category[self.i];
        let label = idx.map(|k| g.config.categories[k].short()).unwrap_or("–");
        let n = put(
            buf,
            x,
            y,
            w.saturating_sub(1).max(1),
            label,
            self.tint(g.theme.category(idx)),
        );
        if let Some(mark) = g.decision_mark(self.i) {
            put(buf, x + w.saturating_sub(1), y, 1, mark, self.style);
        }
        n
    }

    /// A team's score: its number and glyph on the level's colour; ⁱ when derived.
    fn team(&self, t: usize, x: u16, y: u16, w: u16, buf: &mut Buffer) -> u16 {
        let theme = self.g.theme;
        let row_style = self.style;
        let Some(s) = self.a.and_then(|a| a.scores.get(t)?.as_ref()) else {
            put_centred(buf, x, y, w.saturating_sub(1), "–", self.tint(theme.dim));
            return w;
        };
        let scale_min = self.g.config.scale.min;
        let (level_style, glyph) = theme.level(s.value.saturating_sub(scale_min) as usize);
        let st = row_style.patch(level_style);
        fill(buf, x, y, w.saturating_sub(1), st);
        let mut b = [0u8; 16];
        let text = score_text(s.value, glyph, &mut b);
        put_centred(buf, x, y, w.saturating_sub(1), text, st);
        if s.derived_from.is_some() && w > 1 {
            // Derived from an indicator, not sent as a score.
            put(buf, x + w - 1, y, 1, marks::FROM_INDICATOR, row_style);
        }
        w
    }

    fn composite(&self, x: u16, y: u16, w: u16, buf: &mut Buffer, text: &mut String) -> u16 {
        let theme = self.g.theme;
        let Some(comp) = self.a.and_then(|a| a.composite.as_ref()) else {
            return put(
                buf,
                x,
                y,
                w.saturating_sub(1).max(1),
                "–",
                self.tint(theme.dim),
            );
        };
        let bands = self.g.config.composite.bands.len();
        let (st, glyph) = theme.scaled(comp.band, bands);
        let st = self.style.patch(st);
        text.clear();
        let _ = write!(text, "{}{:.1}{}", glyph[0], comp.value, glyph[1]);
        fill(buf, x, y, w.saturating_sub(1), st);
        put(buf, x, y, w.saturating_sub(1), text, st)
    }

    fn trend(&self, x: u16, y: u16, buf: &mut Buffer) -> u16 {
        let theme = self.g.theme;
        let (arrow, st) = match self.a.map(|a| a.trend) {
            Some(Trend::Up) => ("↑", self.tint(theme.flag_major)),
            Some(Trend::Down) => ("↓", self.style),
            Some(Trend::Same) => ("→", self.style),
            _ => (marks::NEW, self.style),
        };
        put(buf, x, y, 1, arrow, st)
    }

    /// The suggestion, bold when it differs from the current category.
    fn suggestion(&self, x: u16, y: u16, text_w: u16, buf: &mut Buffer) -> u16 {
        let (a, config) = (self.a, self.g.config);
        let Some(s) = a.and_then(|a| a.suggestion.as_ref()) else {
            return 0;
        };
        let differs = a.and_then(|a| a.current_category.as_deref()) != Some(s.category.as_str());
        let prefix = marks::suggestion(s.kind, differs);
        let idx = config.category_index(&s.category);
        let mut st = self.tint(self.g.theme.category(idx));
        if differs {
            st = st.add_modifier(ratatui::style::Modifier::BOLD);
        }
        let short = idx
            .map(|k| config.categories[k].short())
            .unwrap_or(&s.category);
        let n = put(buf, x, y, 1, prefix, st);
        n + put(buf, x + n, y, text_w.saturating_sub(n), short, st)
    }

    /// Major flags first (marked), then minor, separated by dots, as many as fit.
    fn flags(&self, x: u16, y: u16, w: u16, buf: &mut Buffer) -> u16 {
        let Some(a) = self.a else { return 0 };
        let theme = self.g.theme;
        let major = self
            .tint(theme.flag_major)
            .add_modifier(theme.flag_major.add_modifier);
        let mut cx = x;
        let end = x + w;
        for (n, f) in marks::flags_in_order(&a.flags).enumerate() {
            if cx >= end {
                break;
            }
            if n > 0 {
                cx += put(buf, cx, y, end - cx, " · ", self.tint(theme.dim));
            }
            let st = if f.level == FlagLevel::Major {
                cx += put(buf, cx, y, end.saturating_sub(cx), marks::MAJOR, major);
                cx += put(buf, cx, y, end.saturating_sub(cx), " ", major);
                major
            } else {
                self.style
            };
            cx += put(buf, cx, y, end.saturating_sub(cx), &f.text, st);
        }
        cx - x
    }
}

/// The row's style with another style's foreground (keeps the row background).
fn with_fg(row: Style, other: Style) -> Style {
    match other.fg {
        Some(fg) => row.fg(fg),
        None => row,
    }
}
