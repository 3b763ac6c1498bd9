//! The help overlay, generated from the keymap itself so it cannot drift from behaviour. It
//! takes the screen's width and wraps its rows, so no description is ever cut.

use super::cells::{fill, put};
use super::keymap::Keymap;
use super::mode::Mode;
use super::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Widget};

pub struct HelpOverlay<'a> {
    pub keymap: &'a Keymap,
    /// Rows scrolled off the top.
    pub scroll: u16,
    pub theme: &'a Theme,
}

/// The marks a decision of the open meeting leaves in the category column.
const DECISION_MARKS: [(&str, &str); 5] = [
    ("✓", "confirmed (item done)"),
    ("»", "recategorised (item done)"),
    ("‖", "deferred to the next meeting (item done)"),
    ("✎", "noted: the item is still open"),
    (
        "!",
        "decided against the policy's suggestion (reason recorded)",
    ),
];

/// The codes of the Ofsted column.
const OFSTED_CODES: [(&str, &str); 8] = [
    (
        "1 2 3 4",
        "legacy grade: outstanding, good, requires improvement, inadequate",
    ),
    ("4SM", "inadequate, special measures"),
    ("4SW", "inadequate, serious weaknesses"),
    ("RC", "report card, no area below expected standard"),
    ("RC·N", "report card, an area needs attention"),
    ("RC!U", "report card, an area needs urgent improvement"),
    ("RC!S", "report card, safeguarding not met"),
    ("(blank)", "no inspection on record"),
];

/// Lines of the help text: a heading per mode, then `keys  description`.
pub fn help_lines(keymap: &Keymap) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    for mode in Mode::ALL {
        let rows = keymap.help(mode);
        if rows.is_empty() {
            continue;
        }
        out.push((true, mode.label().to_string()));
        for (keys, desc) in rows {
            out.push((false, format!("  {keys:<16} {desc}")));
        }
    }
    out.push((true, "Symbols on the grid".to_string()));
    for item in super::marks::LEGEND {
        out.push((false, format!("  {:<16} {}", item.symbol, item.word)));
    }
    out.push((
        false,
        "  [3] [4]          the upper half of the scale, bracketed and bold".into(),
    ));
    out.push((
        true,
        "This meeting's decisions (beside the category)".to_string(),
    ));
    for (mark, what) in DECISION_MARKS {
        out.push((false, format!("  {mark:<16} {what}")));
    }
    out.push((true, "Ofsted column".to_string()));
    for (code, what) in OFSTED_CODES {
        out.push((false, format!("  {code:<16} {what}")));
    }
    out.push((
        true,
        "Keys can be changed in the config file: [keys.grid] \"x\" = \"freeze\"".into(),
    ));
    out
}

/// Where a description starts on a help row ("  keys" padded to 16, then a space): wrapped
/// rows hang under it.
const DESCRIPTION_AT: usize = 19;
/// Columns left clear either side of the box, so the grid shows it is an overlay.
const MARGIN: u16 = 2;

/// The box's outer width on a screen `width` wide: all the room there is, less a margin.
pub fn box_width(width: u16) -> u16 {
    width.saturating_sub(2 * MARGIN).max(width.min(3))
}

/// The help rows wrapped to fit a box `box_w` wide (inside its border and a column of
/// padding); a row too long for the box continues under its description, never cut.
pub fn wrapped_lines(keymap: &Keymap, box_w: u16) -> Vec<(bool, String)> {
    let width = box_w.saturating_sub(3) as usize;
    help_lines(keymap)
        .into_iter()
        .flat_map(|(heading, text)| {
            let hang = if heading { 2 } else { DESCRIPTION_AT };
            super::wrap::wrap_line(Line::from(text), width, hang)
                .into_iter()
                .map(move |l| (heading, l.to_string()))
        })
        .collect()
}

/// Rows of help that fit on a screen of this size (inside the border).
fn visible_rows(area: Rect, total: usize) -> usize {
    (area.height.min(total as u16 + 2) as usize).saturating_sub(2)
}

/// The largest useful scroll offset for the help on a screen of this size.
pub fn max_scroll(keymap: &Keymap, area: Rect) -> u16 {
    let total = wrapped_lines(keymap, box_width(area.width)).len();
    total.saturating_sub(visible_rows(area, total)) as u16
}

impl Widget for &HelpOverlay<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let w = box_width(area.width);
        let lines = wrapped_lines(self.keymap, w);
        let h = area.height.min(lines.len() as u16 + 2);
        if w < 3 || h < 3 {
            return;
        }
        let r = Rect::new(
            area.x + (area.width - w) / 2,
            area.y + (area.height - h) / 2,
            w,
            h,
        );
        Clear.render(r, buf);
        for y in r.top()..r.bottom() {
            fill(buf, r.x, y, r.width, theme.overlay);
        }
        let rows = visible_rows(area, lines.len());
        let top = (self.scroll as usize).min(lines.len().saturating_sub(rows));
        let mut block = Block::new().borders(Borders::ALL);
        if lines.len() > rows {
            let end = (top + rows).min(lines.len());
            block = block.title_bottom(format!(
                " j/k PgDn scroll · {}–{end} of {} ",
                top + 1,
                lines.len()
            ));
        }
        block
            .title(" Help · Esc closes ")
            .style(theme.overlay)
            .border_style(theme.header)
            .render(r, buf);
        let inner = Rect::new(r.x + 1, r.y + 1, r.width - 2, r.height - 2);
        for (i, (heading, text)) in lines
            .iter()
            .skip(top)
            .take(inner.height as usize)
            .enumerate()
        {
            let st = if *heading {
                theme.header
            } else {
                theme.overlay
            };
            put(
                buf,
                inner.x + 1,
                inner.y + i as u16,
                inner.width.saturating_sub(1),
                text,
                st,
            );
        }
    }
}

#[cfg(test)]
mod symbol_tests {
    use super::*;
    use crate::model::DecisionKind;
    use crate::tui::session::{decision_glyph, DEPARTURE_GLYPH};

    #[test]
    fn help_explains_every_decision_mark_and_ofsted_code() {
        let text: String = help_lines(&Keymap::defaults())
            .into_iter()
            .map(|(_, l)| l + "\n")
            .collect();
        let kinds = [
            DecisionKind::Confirm,
            DecisionKind::Recategorise,
            DecisionKind::Defer,
            DecisionKind::Note,
        ];
        for mark in kinds
            .map(decision_glyph)
            .into_iter()
            .chain([DEPARTURE_GLYPH])
        {
            assert!(text.contains(&format!("  {mark} ")), "{mark}\n{text}");
        }
        for code in ["4SM", "4SW", "RC·N", "RC!U", "RC!S"] {
            assert!(text.contains(code), "{code}");
        }
        assert!(text.contains("go to agenda item N"), "{text}");
    }

    #[test]
    fn narrow_help_wraps_under_the_description_and_keeps_every_word() {
        let keymap = Keymap::defaults();
        let lines = wrapped_lines(&keymap, 50);
        assert!(lines.iter().all(|(_, l)| l.chars().count() <= 47));
        let reveal = lines
            .iter()
            .position(|(_, l)| l.contains("reveal this school's"))
            .expect("the reveal row");
        let next = &lines[reveal + 1].1;
        assert!(
            next.starts_with(&" ".repeat(DESCRIPTION_AT)) && !next.trim_start().is_empty(),
            "{next:?}"
        );
        let words = |ls: Vec<String>| ls.join(" ").split_whitespace().count();
        assert_eq!(
            words(lines.into_iter().map(|(_, l)| l).collect()),
            words(help_lines(&keymap).into_iter().map(|(_, l)| l).collect())
        );
    }
}
