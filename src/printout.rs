//! The heat map printed without the interactive screen, as plain text or a Markdown table,
//! for papers sent before the meeting. No colour: every cell carries its number and a glyph.

use crate::config::Config;
use crate::dataset::Dataset;
use crate::meeting::establish::{categories_to_establish, without_establishing, ToEstablish};
use crate::model::sanitize_text;
use crate::policy::{self, Capacity, SchoolAssessment, SuggestionKind, TermAssessment, Trend};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Text,
    Markdown,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    pub format: Format,
    /// Add the agenda with every reason.
    pub agenda: bool,
    /// Add the capacity summary.
    pub capacity: bool,
    /// Leave the heat map out (the agenda papers alone).
    pub agenda_only: bool,
}

/// Longest school name in text output before it is cut with "…".
const NAME_WIDTH: usize = 28;

/// Glyph for a score: four steps of darkness spread over the configured scale.
pub fn glyph(config: &Config, score: u8) -> char {
    const GLYPHS: [char; 4] = ['·', '░', '▒', '█'];
    let span = (config.scale.max - config.scale.min).max(1) as usize;
    let pos = score.saturating_sub(config.scale.min) as usize;
    GLYPHS[(pos * 3).div_ceil(span).min(3)]
}

pub fn trend_arrow(t: Trend) -> &'static str {
    match t {
        Trend::Up => "↑",
        Trend::Down => "↓",
        Trend::Same => "→",
        Trend::New => "new",
    }
}

/// `name` cut to `width` characters, ending in "…" when cut.
pub fn truncate(name: &str, width: usize) -> String {
    if name.chars().count() <= width {
        name.to_string()
    } else {
        let mut s: String = name.chars().take(width.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

/// Text for a Markdown table cell, on one line: the escaper the minutes use, so nothing in
/// it can break the table or format.
pub fn md_cell(text: &str) -> String {
    crate::md_escape::cell(&crate::model::sanitize_text(text, false))
}

/// One line of Markdown text that may start a line or a list item.
pub fn md_line(text: &str) -> String {
    crate::md_escape::anywhere(text)
}

pub(crate) fn suggestion_text(config: &Config, a: &SchoolAssessment) -> String {
    match &a.suggestion {
        None => String::new(),
        Some(s) => {
            let short = config
                .category(&s.category)
                .map(|c| c.short())
                .unwrap_or(&s.category);
            match s.kind {
                SuggestionKind::AtLeast => format!("≥ {short}"),
                SuggestionKind::StepDown => format!("↓ {short}"),
            }
        }
    }
}

/// One row of cells, shared by both formats.
fn row(
    config: &Config,
    data: &Dataset,
    term_end: chrono::NaiveDate,
    i: usize,
    a: &SchoolAssessment,
    width: Option<usize>,
) -> Vec<String> {
    let s = &data.schools[i];
    let name = sanitize_text(&s.name, false);
    let mut cells = vec![
        s.urn.to_string(),
        match width {
            Some(w) => truncate(&name, w),
            None => name,
        },
        s.phase.short().to_string(),
        if s.maintained { "LA" } else { "Acad" }.to_string(),
        data.inspection_on(i, term_end)
            .map(|x| x.short())
            .unwrap_or_else(|| "–".into()),
        a.current_category
            .as_deref()
            .map(|k| {
                config
                    .category(k)
                    .map(|c| c.short().to_string())
                    .unwrap_or_else(|| k.to_string())
            })
            .unwrap_or_else(|| "–".into()),
    ];
    for score in &a.scores {
        cells.push(match score {
            Some(sc) => format!(
                "{}{}{}",
                sc.value,
                glyph(config, sc.value),
                if sc.derived_from.is_some() { "ᵇ" } else { "" }
            ),
            None => "–".into(),
        });
    }
    cells.push(
        a.composite
            .as_ref()
            .map(|c| format!("{:.1}", c.value))
            .unwrap_or_else(|| "–".into()),
    );
    cells.push(trend_arrow(a.trend).into());
    cells.push(suggestion_text(config, a));
    cells.push(
        a.flags
            .iter()
            .map(|f| f.text.as_str())
            .collect::<Vec<_>>()
            .join(" · "),
    );
    cells
}

fn headers(config: &Config) -> Vec<String> {
    let mut h: Vec<String> = ["URN", "School", "Ph", "Type", "Ofs", "Category"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    h.extend(config.teams.iter().map(|t| t.short().to_string()));
    h.extend(
        ["Σ", "↕", "Suggests", "Flags"]
            .iter()
            .map(|s| s.to_string()),
    );
    h
}

/// Print the heat map (and optionally agenda and capacity) for one assessed term.
pub fn render(config: &Config, data: &Dataset, t: &TermAssessment, opts: Options) -> String {
    let mut out = String::new();
    let md = opts.format == Format::Markdown;
    let establishing = categories_to_establish(config, data, t).len();
    let on_agenda = match establishing {
        0 => format!("{} on the agenda", t.agenda.len()),
        n => format!(
            "{} on the agenda, {n} of them categories to establish",
            t.agenda.len()
        ),
    };
    let title = format!("{} · {} schools · {on_agenda}", t.term, data.schools.len());
    let what = if opts.agenda_only {
        "agenda"
    } else {
        "heat map"
    };
    if md {
        out.push_str(&format!("# {} {}\n\n", capitalised(what), md_line(&title)));
    } else {
        out.push_str(&format!("termly {what} · {title}\n\n"));
    }
    if !opts.agenda_only {
        write_heatmap(&mut out, config, data, t, md);
    }
    if opts.agenda {
        out.push('\n');
        write_agenda(&mut out, config, data, t, md);
    }
    if opts.capacity {
        out.push('\n');
        let capacity = policy::capacity_at(config, data, t.term);
        write_capacity(&mut out, config, &capacity, md);
    }
    out
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The grid, a row per school, then its legend.
fn write_heatmap(out: &mut String, config: &Config, data: &Dataset, t: &TermAssessment, md: bool) {
    let head = headers(config);
    let rows: Vec<Vec<String>> = t
        .schools
        .iter()
        .enumerate()
        .map(|(i, a)| {
            row(
                config,
                data,
                t.term.end_date(),
                i,
                a,
                (!md).then_some(NAME_WIDTH),
            )
        })
        .collect();
    if md {
        write_md_table(out, &head, &rows);
    } else {
        // Numbers read best right-aligned: URN, team scores and the composite.
        let n = config.teams.len();
        write_text_table(out, &head, &rows, &|i| {
            i == 0 || (6..6 + n + 1).contains(&i)
        });
    }
    out.push('\n');
    let legend = format!(
        "Scores: {} ; ᵇ from an indicator by a banding rule ; – no score. Σ composite ({}), ↕ trend since last term. ≥ suggests at least, ↓ consider a step down.",
        (config.scale.min..=config.scale.max)
            .map(|s| format!("{s}{} {}", glyph(config, s), config.scale.label(s)))
            .collect::<Vec<_>>()
            .join(", "),
        match config.composite.method {
            crate::config::CompositeMethod::Max => "highest team score".to_string(),
            crate::config::CompositeMethod::WeightedMean => "weighted mean".to_string(),
            crate::config::CompositeMethod::CountAtLeast => format!(
                "teams at {} or more",
                config.composite.threshold.unwrap_or(config.scale.max)
            ),
        }
    );
    out.push_str(&if md { md_line(&legend) } else { legend });
    out.push('\n');
}

fn write_text_table(
    out: &mut String,
    head: &[String],
    rows: &[Vec<String>],
    right: &dyn Fn(usize) -> bool,
) {
    let mut widths: Vec<usize> = head.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let mut line = |cells: &[String]| {
        let mut s = String::new();
        for (i, (c, w)) in cells.iter().zip(&widths).enumerate() {
            let pad = w - c.chars().count();
            if i > 0 {
                s.push_str("  ");
            }
            if right(i) {
                s.push_str(&" ".repeat(pad));
                s.push_str(c);
            } else {
                s.push_str(c);
                s.push_str(&" ".repeat(pad));
            }
        }
        out.push_str(s.trim_end());
        out.push('\n');
    };
    line(head);
    for r in rows {
        line(r);
    }
}

fn write_md_table(out: &mut String, head: &[String], rows: &[Vec<String>]) {
    let line = |cells: &[String]| {
        let body: Vec<String> = cells.iter().map(|c| md_cell(c)).collect();
        format!("| {} |\n", body.join(" | "))
    };
    out.push_str(&line(head));
    out.push_str(&format!("|{}\n", "---|".repeat(head.len())));
    for r in rows {
        out.push_str(&line(r));
    }
}

fn write_agenda(out: &mut String, config: &Config, data: &Dataset, t: &TermAssessment, md: bool) {
    out.push_str(if md { "## Agenda\n\n" } else { "Agenda\n" });
    let establishing = categories_to_establish(config, data, t);
    let agenda = without_establishing(&t.agenda, &establishing);
    if agenda.is_empty() && establishing.is_empty() {
        out.push_str("No school needs discussion this term.\n");
        return;
    }
    write_establishing(out, config, data, &establishing, md);
    let decide = agenda
        .iter()
        .filter(|&&i| t.schools[i].for_decision())
        .count();
    // The time the items for decision need, the list to establish counting as one item.
    let items = decide + usize::from(!establishing.is_empty());
    let need = items as u32 * config.meeting.minutes_per_item;
    // Said when a first meeting's list is on the agenda, or when the items run over.
    let budget = (!establishing.is_empty() || need > config.meeting.length_minutes).then(|| {
        format!(
            "Time: {need} of {} minutes at {} an item{}",
            config.meeting.length_minutes,
            config.meeting.minutes_per_item,
            if establishing.is_empty() {
                ""
            } else {
                " (the categories to establish are one item)"
            }
        )
    });
    if let Some(budget) = &budget {
        out.push_str(&format!("{budget}\n"));
        if md {
            out.push('\n');
        }
    }
    let mut section = None;
    for (n, &i) in agenda.iter().enumerate() {
        let s = &data.schools[i];
        let a = &t.schools[i];
        // Items keep their numbers; a heading marks where the kind of item changes.
        if section != Some(a.for_decision()) {
            section = Some(a.for_decision());
            let heading = if a.for_decision() {
                format!("For decision ({decide})")
            } else {
                format!("For information ({})", agenda.len() - decide)
            };
            let gap = if n > 0 && md { "\n" } else { "" };
            out.push_str(&if md {
                format!("{gap}### {heading}\n\n")
            } else {
                format!("{heading}\n")
            });
        }
        let cat = a
            .current_category
            .as_deref()
            .map(|k| config.category_label(k))
            .unwrap_or("no category");
        let number = format!("{}. ", n + 1);
        let head = format!("{} {} — {}", s.urn, sanitize_text(&s.name, false), cat);
        let head = match &a.suggestion {
            Some(sg) => format!("{head}; {}", suggestion_words(config, sg)),
            None => head,
        };
        let lines = a
            .agenda
            .iter()
            .map(|r| r.text.clone())
            .chain(a.reasons.iter().map(|r| r.sentence.clone()));
        if md {
            out.push_str(&format!("{number}{}\n", md_line(&head)));
            for l in lines {
                out.push_str(&format!("   - {}\n", md_line(&l)));
            }
        } else {
            out.push_str(&format!("{number}{head}\n"));
            for l in lines {
                out.push_str(&format!("   - {}\n", sanitize_text(&l, false)));
            }
        }
    }
}

/// The one item of a first meeting: every school with no category yet, with the category
/// it starts in and why.
fn write_establishing(
    out: &mut String,
    config: &Config,
    data: &Dataset,
    establishing: &[ToEstablish],
    md: bool,
) {
    if establishing.is_empty() {
        return;
    }
    let heading = format!("Categories to establish ({})", establishing.len());
    out.push_str(&if md {
        format!("### {heading}\n\n")
    } else {
        format!("{heading}\n")
    });
    for e in establishing {
        let s = &data.schools[e.school];
        let line = format!(
            "{} {} → {}: {}",
            s.urn,
            s.name,
            config.category_label(&e.category),
            e.reason
        );
        if md {
            out.push_str(&format!("- {}\n", md_line(&line)));
        } else {
            out.push_str(&format!("   - {}\n", sanitize_text(&line, false)));
        }
    }
    if md {
        out.push('\n');
    }
}

pub(crate) fn suggestion_words(config: &Config, s: &policy::Suggestion) -> String {
    let label = config.category_label(&s.category);
    match s.kind {
        SuggestionKind::AtLeast => format!("suggests at least {label}"),
        SuggestionKind::StepDown => format!("consider a step down to {label}"),
    }
}

fn write_capacity(out: &mut String, config: &Config, c: &Capacity, md: bool) {
    out.push_str(if md { "## Capacity\n\n" } else { "Capacity\n" });
    let summary = format!(
        "LaMA hours a term {:.0} of {:.0}{}; one-day reviews a year {}{}; SIP visits a year {}",
        c.lama_hours_term,
        c.lama_capacity_term,
        if c.lama_hours_term > c.lama_capacity_term + 1e-9 {
            " (over capacity)"
        } else {
            ""
        },
        c.reviews_year,
        config
            .capacity
            .reviews_year
            .map(|r| if c.reviews_year > r {
                format!(" of {r} (over capacity)")
            } else {
                format!(" of {r}")
            })
            .unwrap_or_default(),
        c.sip_visits_year
    );
    out.push_str(&summary);
    out.push_str("\n\n");
    let cat_rows: Vec<Vec<String>> = c
        .per_category
        .iter()
        .map(|(k, n, h)| {
            vec![
                config.category_label(k).to_string(),
                n.to_string(),
                format!("{h:.0}"),
            ]
        })
        .collect();
    let lama_rows: Vec<Vec<String>> = c
        .per_lama
        .iter()
        .map(|(k, n, h)| vec![sanitize_text(k, false), n.to_string(), format!("{h:.0}")])
        .collect();
    for (title, rows) in [("Category", cat_rows), ("LaMA", lama_rows)] {
        let head = vec![title.to_string(), "Schools".into(), "LaMA h/term".into()];
        if md {
            write_md_table(out, &head, &rows);
        } else {
            write_text_table(out, &head, &rows, &|i| i > 0);
        }
        out.push('\n');
    }
}
