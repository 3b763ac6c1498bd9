//! `papers.xlsx`: the heat map (each score filled in the theme's colour with its digit, a
//! frozen header and school column, a filter, the composite and the suggestion), the agenda
//! with its reasons, and the capacity the current categories imply.

use super::{bold, header_row, text_table, workbook, wrapped, PapersError};
use crate::config::Config;
use crate::dataset::Dataset;
use crate::model::sanitize_text;
use crate::policy::{self, SchoolAssessment, TermAssessment};
use crate::printout::{suggestion_text, suggestion_words, trend_arrow};
use crate::tui::theme::{ColorDepth, Theme, ThemeKind};
use chrono::NaiveDate;
use ratatui::style::Color as TermColor;
use rust_xlsxwriter::{Color, Format, FormatAlign, Worksheet};

/// The sheets' names, in order.
pub const SHEETS: [&str; 3] = ["Heat map", "Agenda", "Capacity"];

/// Columns before the team scores on the heat map.
const LEAD: [(&str, f64); 6] = [
    ("URN", 8.0),
    ("School", 34.0),
    ("Phase", 6.0),
    ("Type", 6.0),
    ("Ofsted", 8.0),
    ("Category", 12.0),
];

/// The fill and text colour of each score level in the configured theme (as a truecolor
/// screen shows it), or None for monochrome, which marks levels by weight alone.
pub fn level_colours(config: &Config) -> Vec<Option<(u32, u32)>> {
    let levels = (config.scale.max - config.scale.min + 1) as usize;
    let kind = config
        .ui
        .theme
        .as_deref()
        .and_then(ThemeKind::parse)
        .unwrap_or(ThemeKind::Dark);
    let theme = Theme::build(kind, levels, config.categories.len(), ColorDepth::TrueColor);
    theme
        .levels
        .iter()
        .map(|style| match (style.bg, style.fg) {
            (Some(TermColor::Rgb(r, g, b)), Some(TermColor::Rgb(fr, fg, fb))) => Some((
                u32::from_be_bytes([0, r, g, b]),
                u32::from_be_bytes([0, fr, fg, fb]),
            )),
            _ => None,
        })
        .collect()
}

/// The whole workbook, dated `today`.
pub fn snapshot_workbook(
    config: &Config,
    data: &Dataset,
    t: &TermAssessment,
    today: NaiveDate,
) -> Result<Vec<u8>, PapersError> {
    let mut book = workbook(today)?;
    heat_map(book.add_worksheet().set_name(SHEETS[0])?, config, data, t)?;
    agenda(book.add_worksheet().set_name(SHEETS[1])?, config, data, t)?;
    capacity(book.add_worksheet().set_name(SHEETS[2])?, config, data, t)?;
    Ok(book.save_to_buffer()?)
}

/// The formats of the score levels, lowest first: the theme's fill and text colour.
fn level_formats(config: &Config) -> Vec<Format> {
    let n = config.scale.max - config.scale.min + 1;
    level_colours(config)
        .into_iter()
        .enumerate()
        .map(|(i, colours)| {
            let f = Format::new().set_align(FormatAlign::Center);
            let f = if i * 2 >= n as usize && n > 1 {
                f.set_bold()
            } else {
                f
            };
            match colours {
                Some((fill, text)) => f
                    .set_background_color(Color::RGB(fill))
                    .set_font_color(Color::RGB(text)),
                None => f,
            }
        })
        .collect()
}

fn heat_map(
    sheet: &mut Worksheet,
    config: &Config,
    data: &Dataset,
    t: &TermAssessment,
) -> Result<(), PapersError> {
    let mut headers: Vec<(&str, f64)> = LEAD.to_vec();
    headers.extend(config.teams.iter().map(|team| (team.short(), 6.0)));
    headers.extend([
        ("Composite", 10.0),
        ("Trend", 6.0),
        ("Suggests", 12.0),
        ("Flags", 30.0),
    ]);
    header_row(sheet, 0, &headers)?;
    let levels = level_formats(config);
    let composite = Format::new().set_num_format("0.0");
    let term_end = t.term.end_date();
    for (i, a) in t.schools.iter().enumerate() {
        let r = i as u32 + 1;
        for (c, text) in lead_cells(config, data, term_end, i, a).iter().enumerate() {
            if c == 0 {
                sheet.write_number(r, 0, data.schools[i].urn as f64)?;
            } else {
                sheet.write_string(r, c as u16, super::cell_text(text))?;
            }
        }
        let mut c = LEAD.len() as u16;
        for score in &a.scores {
            if let Some(s) = score {
                let level = s.value.saturating_sub(config.scale.min) as usize;
                let format = &levels[level.min(levels.len() - 1)];
                sheet.write_number_with_format(r, c, s.value as f64, format)?;
            }
            c += 1;
        }
        if let Some(comp) = &a.composite {
            sheet.write_number_with_format(r, c, comp.value, &composite)?;
        }
        sheet.write_string(r, c + 1, trend_arrow(a.trend))?;
        sheet.write_string(r, c + 2, suggestion_text(config, a))?;
        let flags: Vec<&str> = a.flags.iter().map(|f| f.text.as_str()).collect();
        sheet.write_string(r, c + 3, super::cell_text(&flags.join(" · ")))?;
    }
    sheet.set_freeze_panes(1, 2)?;
    let last_col = headers.len() as u16 - 1;
    sheet.autofilter(0, 0, t.schools.len() as u32, last_col)?;
    Ok(())
}

/// URN, school, phase, type, Ofsted and category, as the printed heat map shows them.
fn lead_cells(
    config: &Config,
    data: &Dataset,
    term_end: NaiveDate,
    i: usize,
    a: &SchoolAssessment,
) -> [String; 6] {
    let s = &data.schools[i];
    [
        s.urn.to_string(),
        sanitize_text(&s.name, false),
        s.phase.short().to_string(),
        if s.maintained { "LA" } else { "Acad" }.to_string(),
        data.inspection_on(i, term_end)
            .map(|x| x.short())
            .unwrap_or_default(),
        a.current_category
            .as_deref()
            .map(|k| config.category_label(k).to_string())
            .unwrap_or_default(),
    ]
}

fn agenda(
    sheet: &mut Worksheet,
    config: &Config,
    data: &Dataset,
    t: &TermAssessment,
) -> Result<(), PapersError> {
    let rows: Vec<Vec<String>> = t
        .agenda
        .iter()
        .enumerate()
        .map(|(n, &i)| {
            let s = &data.schools[i];
            let a = &t.schools[i];
            let reasons: Vec<String> = a
                .agenda
                .iter()
                .map(|r| r.text.clone())
                .chain(a.reasons.iter().map(|r| r.sentence.clone()))
                .map(|r| sanitize_text(&r, false))
                .collect();
            vec![
                (n + 1).to_string(),
                s.urn.to_string(),
                sanitize_text(&s.name, false),
                a.current_category
                    .as_deref()
                    .map(|k| config.category_label(k).to_string())
                    .unwrap_or_default(),
                a.suggestion
                    .as_ref()
                    .map(|sg| suggestion_words(config, sg))
                    .unwrap_or_default(),
                reasons.join("\n"),
            ]
        })
        .collect();
    let headers = [
        ("#", 4.0),
        ("URN", 8.0),
        ("School", 34.0),
        ("Category", 12.0),
        ("Suggestion", 30.0),
        ("Reasons", 70.0),
    ];
    text_table(sheet, &headers, &rows)
}

fn capacity(
    sheet: &mut Worksheet,
    config: &Config,
    data: &Dataset,
    t: &TermAssessment,
) -> Result<(), PapersError> {
    let c = policy::capacity_at(config, data, t.term);
    header_row(
        sheet,
        0,
        &[("Measure", 26.0), ("Implied", 10.0), ("Available", 10.0)],
    )?;
    let number = Format::new().set_num_format("0");
    let totals: [(&str, f64, Option<f64>); 3] = [
        (
            "LaMA hours a term",
            c.lama_hours_term,
            Some(c.lama_capacity_term),
        ),
        (
            "One-day reviews a year",
            c.reviews_year as f64,
            config.capacity.reviews_year.map(f64::from),
        ),
        ("SIP visits a year", c.sip_visits_year as f64, None),
    ];
    for (r, (what, implied, available)) in totals.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, *what)?;
        sheet.write_number_with_format(r, 1, *implied, &number)?;
        if let Some(a) = available {
            sheet.write_number_with_format(r, 2, *a, &number)?;
        }
    }
    let mut r = totals.len() as u32 + 2;
    for (title, rows) in [("Category", &c.per_category), ("LaMA", &c.per_lama)] {
        sheet.write_string_with_format(r, 0, title, &bold())?;
        sheet.write_string_with_format(r, 1, "Schools", &bold())?;
        sheet.write_string_with_format(r, 2, "LaMA h/term", &bold())?;
        for (key, schools, hours) in rows.iter() {
            r += 1;
            let name = if title == "Category" {
                config.category_label(key).to_string()
            } else {
                sanitize_text(key, false)
            };
            sheet.write_string_with_format(r, 0, super::cell_text(&name), &wrapped())?;
            sheet.write_number(r, 1, *schools as f64)?;
            sheet.write_number_with_format(r, 2, *hours, &number)?;
        }
        r += 2;
    }
    Ok(())
}
