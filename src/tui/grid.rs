//! The heat-map grid: a frozen header row and name column, a row per school, a column per
//! team, composite, trend, suggestion and flags. Only the visible rows are drawn, straight
//! into the buffer, so 24,000 schools scroll as fast as 70.

use super::app::App;
use super::cells::{fill, put, put_centred, score_text};
use super::grid_layout::{team_width, ColKind, GridLayout};
use super::marks;
use super::view::{type_short, Row, SortColumn};
use crate::policy::{FlagLevel, Trend};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;
use std::fmt::Write;

pub struct GridView<'a> {
    pub app: &'a App,
}

impl GridView<'_> {
    pub fn layout(app: &App, width: u16) -> GridLayout {
        let widths: Vec<u16> = app
            .config
            .teams
            .iter()
            .map(|t| team_width(t.short()))
            .collect();
        GridLayout::compute(width, &widths, app.h_scroll)
    }

    /// Body rows that fit in an area of this height (one line is the header).
    pub fn body_height(height: u16) -> usize {
        height.saturating_sub(1) as usize
    }

    /// The first row to draw so the cursor is visible (pure: the app's `top` is a hint).
    pub fn first_row(app: &App, body: usize) -> usize {
        let body = body.max(1);
        let mut top = app.top;
        if app.cursor < top {
            top = app.cursor;
        } else if app.cursor >= top + body {
            top = app.cursor + 1 - body;
        }
        top.min(app.rows.len().saturating_sub(body))
    }
}

impl Widget for &GridView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let app = self.app;
        let layout = GridView::layout(app, area.width);
        header_row(app, &layout, area, buf);
        let body = GridView::body_height(area.height);
        let first = GridView::first_row(app, body);
        let mut text = String::with_capacity(64);
        for (line, r) in (first..app.rows.len()).take(body).enumerate() {
            let y = area.y + 1 + line as u16;
            match &app.rows[r] {
                Row::Group { label, count } => group_row(app, label, *count, area, y, buf),
                Row::School(i) => {
                    school_row(app, &layout, *i, r == app.cursor, area, y, buf, &mut text)
                }
            }
        }
        // Rows below the last school keep the base style.
        let drawn = app.rows.len().saturating_sub(first).min(body) as u16;
        for y in area.y + 1 + drawn..area.bottom() {
            fill(buf, area.x, y, area.width, app.theme.base);
        }
    }
}

fn header_row(app: &App, layout: &GridLayout, area: Rect, buf: &mut Buffer) {
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

fn group_row(app: &App, label: &str, count: usize, area: Rect, y: u16, buf: &mut Buffer) {
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

#[allow(clippy::too_many_arguments)]
fn school_row(
    app: &App,
    layout: &GridLayout,
    i: usize,
    is_cursor: bool,
    area: Rect,
    y: u16,
    buf: &mut Buffer,
    text: &mut String,
) {
    let theme = &app.theme;
    let row_style = if is_cursor { theme.cursor } else { theme.base };
    // The cursor bar keeps its own text colour: a hue that reads on the page may not read
    // on the bar, and the bar is the row the room is reading.
    let tint = |other: Style| {
        if is_cursor {
            row_style
        } else {
            with_fg(row_style, other)
        }
    };
    fill(buf, area.x, y, area.width, row_style);
    let school = &app.data.schools[i];
    let a = app.assessment.schools.get(i);
    let on_agenda = a.is_some_and(|a| a.on_agenda());
    let scale_min = app.config.scale.min;
    for c in &layout.cols {
        let x = area.x + c.x;
        let w = c.w;
        let text_w = w.saturating_sub(1).max(1);
        match c.kind {
            ColKind::Mark => {
                let mark = if is_cursor {
                    theme.cursor_mark
                } else if on_agenda {
                    marks::AGENDA
                } else {
                    ""
                };
                put(buf, x, y, w, mark, row_style);
            }
            ColKind::Name => {
                put(buf, x, y, text_w, &school.name, row_style);
            }
            ColKind::Phase => {
                put(buf, x, y, text_w, school.phase.short(), row_style);
            }
            ColKind::Type => {
                put(buf, x, y, text_w, type_short(school), row_style);
            }
            ColKind::Ofsted => {
                put(buf, x, y, text_w, &app.cache.ofsted[i], row_style);
            }
            ColKind::Category => {
                let idx = app.cache.category[i];
                let label = idx.map(|k| app.config.categories[k].short()).unwrap_or("–");
                put(buf, x, y, text_w, label, tint(theme.category(idx)));
                // Decided in the open meeting: a mark in the column's spare cell.
                if let Some(mark) = app.decision_mark(i) {
                    put(buf, x + w.saturating_sub(1), y, 1, mark, row_style);
                }
            }
            ColKind::Team(t) => {
                let score = a.and_then(|a| a.scores.get(t)?.as_ref());
                match score {
                    Some(s) => {
                        let (level_style, glyph) =
                            theme.level(s.value.saturating_sub(scale_min) as usize);
                        let st = row_style.patch(level_style);
                        fill(buf, x, y, w.saturating_sub(1), st);
                        let mut b = [0u8; 16];
                        let t = score_text(s.value, glyph, &mut b);
                        put_centred(buf, x, y, w.saturating_sub(1), t, st);
                        if s.derived_from.is_some() && w > 1 {
                            // Derived from an indicator, not sent as a score.
                            put(buf, x + w - 1, y, 1, marks::FROM_INDICATOR, row_style);
                        }
                    }
                    None => put_centred(buf, x, y, w.saturating_sub(1), "–", tint(theme.dim)),
                }
            }
            ColKind::Sep => {
                put(buf, x, y, w, " │", row_style);
            }
            ColKind::Composite => {
                if let Some(comp) = a.and_then(|a| a.composite.as_ref()) {
                    let bands = app.config.composite.bands.len();
                    let (st, glyph) = theme.scaled(comp.band, bands);
                    let st = row_style.patch(st);
                    text.clear();
                    let _ = write!(text, "{}{:.1}{}", glyph[0], comp.value, glyph[1]);
                    fill(buf, x, y, w.saturating_sub(1), st);
                    put(buf, x, y, w.saturating_sub(1), text, st);
                } else {
                    put(buf, x, y, text_w, "–", tint(theme.dim));
                }
            }
            ColKind::Trend => {
                let (arrow, st) = match a.map(|a| a.trend) {
                    Some(Trend::Up) => ("↑", tint(theme.flag_major)),
                    Some(Trend::Down) => ("↓", row_style),
                    Some(Trend::Same) => ("→", row_style),
                    _ => (marks::NEW, row_style),
                };
                put(buf, x, y, 1, arrow, st);
            }
            ColKind::Suggest => {
                if let Some(s) = a.and_then(|a| a.suggestion.as_ref()) {
                    let differs =
                        a.and_then(|a| a.current_category.as_deref()) != Some(s.category.as_str());
                    let prefix = marks::suggestion(s.kind, differs);
                    let idx = app.config.category_index(&s.category);
                    let mut st = tint(theme.category(idx));
                    if differs {
                        st = st.add_modifier(ratatui::style::Modifier::BOLD);
                    }
                    let short = idx
                        .map(|k| app.config.categories[k].short())
                        .unwrap_or(&s.category);
                    let n = put(buf, x, y, 1, prefix, st);
                    put(buf, x + n, y, text_w.saturating_sub(n), short, st);
                }
            }
            ColKind::Flags => {
                let Some(a) = a else { continue };
                let major = tint(theme.flag_major).add_modifier(theme.flag_major.add_modifier);
                let mut cx = x;
                let end = x + w;
                for (n, f) in marks::flags_in_order(&a.flags).enumerate() {
                    if cx >= end {
                        break;
                    }
                    if n > 0 {
                        cx += put(buf, cx, y, end - cx, " · ", tint(theme.dim));
                    }
                    let st = if f.level == FlagLevel::Major {
                        cx += put(buf, cx, y, end.saturating_sub(cx), marks::MAJOR, major);
                        cx += put(buf, cx, y, end.saturating_sub(cx), " ", major);
                        major
                    } else {
                        row_style
                    };
                    cx += put(buf, cx, y, end.saturating_sub(cx), &f.text, st);
                }
            }
        }
    }
}

/// The row's style with another style's foreground (keeps the row background).
fn with_fg(row: Style, other: Style) -> Style {
    match other.fg {
        Some(fg) => row.fg(fg),
        None => row,
    }
}
