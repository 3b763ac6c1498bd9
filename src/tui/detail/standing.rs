//! The detail pane's lower sections: where the school stands — its category and time in
//! it, what the policy suggests and why, and every earlier decision.

use super::sections::{date, Row};
use super::DetailView;
use crate::model::{CategorySpell, Decision, DecisionKind};
use crate::policy::{SuggestionKind, TimeInCategory};
use chrono::NaiveDate;
use ratatui::style::Style;
use ratatui::text::Span;
use std::collections::HashMap;

impl DetailView<'_> {
    pub(crate) fn category(&self) -> Vec<Row> {
        let mut out = vec![self.heading("Category".into())];
        let spell = self.dataset.category_at(self.school, self.term);
        let time = self.assessment.and_then(|a| a.time_in_category.as_ref());
        let key = time
            .map(|t| t.category.as_str())
            .or(spell.map(|s| s.category.as_str()));
        let Some(key) = key else {
            out.push(self.text(
                vec![Span::styled("No category recorded", self.theme.dim)],
                0,
            ));
            return out;
        };
        out.push(self.category_line(key, time, spell));
        out.extend(self.entitlement(key));
        out.extend(self.category_history());
        out
    }

    /// The category in its colour, and how long the school has been in it.
    fn category_line(
        &self,
        key: &str,
        time: Option<&TimeInCategory>,
        spell: Option<&CategorySpell>,
    ) -> Row {
        let idx = self.config.category_index(key);
        let mut spans = vec![Span::styled(
            self.config.category_label(key).to_string(),
            self.theme
                .category(idx)
                .patch(Style::new().add_modifier(ratatui::style::Modifier::BOLD)),
        )];
        match time {
            Some(t) => {
                spans.push(Span::styled(
                    format!(
                        " since {} ({}) · {} term{} in category",
                        t.since_term,
                        date(t.since),
                        t.terms,
                        if t.terms == 1 { "" } else { "s" }
                    ),
                    self.theme.base,
                ));
                if let Some(exit) = t.expected_exit {
                    spans.push(Span::styled(
                        format!(" · expected exit by {}", date(exit)),
                        self.theme.base,
                    ));
                }
                if t.overdue {
                    spans.push(Span::styled(" · ⚠ OVERDUE", self.theme.flag_major));
                }
            }
            None => {
                if let Some(s) = spell {
                    spans.push(Span::styled(
                        format!(" since {} ({})", s.term, date(s.since)),
                        self.theme.base,
                    ));
                }
            }
        }
        self.text(spans, 2)
    }

    /// What the category entitles the school to (none for a category the config lacks).
    fn entitlement(&self, key: &str) -> Option<Row> {
        let c = self.config.category(key)?;
        let maintained = self.dataset.schools[self.school].maintained;
        let mut parts = vec![format!("SIP {} visits a year", c.sip_visits(maintained))];
        if c.lama_hours_per_term() > 0.0 {
            parts.push(format!("LaMA {:.1} h a term", c.lama_hours_per_term()));
        }
        if c.reviews_year > 0 {
            parts.push(format!("{} review(s) a year", c.reviews_year));
        }
        if c.tag_meetings {
            parts.push("termly TAG meetings".into());
        }
        Some(self.text(
            vec![Span::styled(
                format!("Entitlement: {}", parts.join(" · ")),
                self.theme.dim,
            )],
            13,
        ))
    }

    /// Its categories up to the term on screen, in record order (only when the school has
    /// been in more than one): each with the term it applied from and the day it was set.
    fn category_history(&self) -> Option<Row> {
        let spells = self.dataset.spells_until(self.school, self.term);
        if spells.len() <= 1 {
            return None;
        }
        let history: Vec<String> = spells
            .iter()
            .map(|s| {
                let set = match s.meeting_id {
                    Some(m) => format!("meeting #{m}, {}", date(s.since)),
                    None => date(s.since),
                };
                format!(
                    "{} {} ({set})",
                    self.config.category_label(&s.category),
                    s.term
                )
            })
            .collect();
        Some(self.text(
            vec![Span::styled(
                format!("History: {}", history.join(" → ")),
                self.theme.dim,
            )],
            9,
        ))
    }

    pub(crate) fn suggestion(&self) -> Vec<Row> {
        let mut out = vec![self.heading("Suggestion".into())];
        let Some(a) = self.assessment else {
            out.push(self.text(vec![Span::styled("Not assessed", self.theme.dim)], 0));
            return out;
        };
        let line = match &a.suggestion {
            Some(s) => {
                let label = self.config.category_label(&s.category).to_string();
                let same = a.current_category.as_deref() == Some(s.category.as_str());
                let text = match s.kind {
                    SuggestionKind::AtLeast => format!("At least {label}"),
                    SuggestionKind::StepDown => format!("Consider a step down to {label}"),
                };
                let mut spans = vec![Span::styled(format!("★ {text}"), self.theme.header)];
                if same {
                    spans.push(Span::styled(" (the current category)", self.theme.dim));
                }
                spans
            }
            None => vec![Span::styled("No change suggested", self.theme.base)],
        };
        out.push(self.text(line, 2));
        for r in &a.reasons {
            out.push(self.text(
                vec![Span::styled(format!("• {}", r.sentence), self.theme.base)],
                2,
            ));
        }
        if !a.agenda.is_empty() {
            let why: Vec<&str> = a.agenda.iter().map(|r| r.text.as_str()).collect();
            out.push(self.text(
                vec![Span::styled(
                    format!("On the agenda: {}", why.join("; ")),
                    self.theme.base,
                )],
                15,
            ));
        }
        if !a.flags.is_empty() {
            let mut spans = vec![Span::styled("Flags: ", self.theme.base)];
            for (i, f) in a.flags.iter().enumerate() {
                if i > 0 {
                    spans.push(Span::styled(" · ", self.theme.dim));
                }
                let style = match f.level {
                    crate::policy::FlagLevel::Major => self.theme.flag_major,
                    crate::policy::FlagLevel::Minor => self.theme.base,
                };
                spans.push(Span::styled(f.text.clone(), style));
            }
            out.push(self.text(spans, 7));
        }
        out
    }

    /// This meeting's decisions on the school (none when no meeting is open: the section
    /// is then left out).
    pub(crate) fn meeting_decisions(&self) -> Vec<Row> {
        match self.meeting_id {
            Some(id) => self.decisions_where("This meeting's decisions", |d| d.meeting_id == id),
            None => Vec::new(),
        }
    }

    /// Decisions of earlier meetings (every decision when no meeting is open).
    pub(crate) fn earlier_decisions(&self) -> Vec<Row> {
        let id = self.meeting_id;
        self.decisions_where("Earlier decisions", |d| Some(d.meeting_id) != id)
    }

    fn decisions_where(&self, title: &str, keep: impl Fn(&Decision) -> bool) -> Vec<Row> {
        let urn = self.dataset.schools[self.school].urn;
        let mine: Vec<&Decision> = self
            .dataset
            .decisions_for(urn)
            .filter(|d| keep(d))
            .collect();
        let mut out = vec![self.heading(format!("{title} · {}", mine.len()))];
        if mine.is_empty() {
            out.push(self.text(vec![Span::styled("None recorded", self.theme.dim)], 0));
            return out;
        }
        let revoked_by: HashMap<i64, &Decision> = self
            .dataset
            .decisions
            .iter()
            .filter_map(|d| d.revokes.map(|id| (id, d)))
            .collect();
        for d in mine.iter().rev() {
            out.extend(self.decision(d, revoked_by.get(&d.id).copied()));
        }
        out
    }

    /// One decision: its headline, any departure from the policy, its words, who owns it,
    /// and the actions it set. A revoked decision is dimmed.
    fn decision(&self, d: &Decision, revoked: Option<&Decision>) -> Vec<Row> {
        let style = if revoked.is_some() {
            self.theme.dim
        } else {
            self.theme.base
        };
        let mut out = vec![self.decision_headline(d, revoked, style)];
        let departure = self.departures.iter().find(|(id, _)| *id == d.id);
        if let Some((_, how)) = departure {
            out.push(self.text(
                vec![
                    Span::raw("    "),
                    Span::styled(format!("! {how}"), self.theme.flag_major),
                ],
                6,
            ));
        }
        let rationale = if d.kind != DecisionKind::Revoke {
            "Rationale"
        } else {
            "Reason"
        };
        out.extend(self.decision_words(rationale, &d.rationale, style));
        out.extend(self.decision_words("Actions", &d.actions, style));
        out.extend(self.decision_people(d));
        out.extend(self.decision_actions(d));
        out
    }

    /// `12 Mar 2026 · meeting 3 · #7 Recategorise A → B`, and who revoked it.
    fn decision_headline(&self, d: &Decision, revoked: Option<&Decision>, style: Style) -> Row {
        let when = d
            .recorded_at
            .get(..10)
            .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
            .map_or(d.recorded_at.clone(), date);
        let mut spans = vec![
            Span::styled(
                format!("{when} · meeting {} · ", d.meeting_id),
                self.theme.dim,
            ),
            Span::styled(self.decision_what(d), style),
        ];
        if let Some(r) = revoked {
            spans.push(Span::styled(
                format!(
                    "  [REVOKED by #{}: {}]",
                    r.id,
                    crate::text::bounded(r.rationale.lines().next().unwrap_or(""))
                ),
                self.theme.flag_major,
            ));
        }
        self.text(spans, 4)
    }

    /// The decision's number, kind and the categories or decision it names.
    fn decision_what(&self, d: &Decision) -> String {
        let label = |k: &Option<String>| {
            k.as_deref().map_or("none".to_string(), |k| {
                self.config.category_label(k).to_string()
            })
        };
        let mut what = format!("#{} {}", d.id, d.kind.label());
        match d.kind {
            DecisionKind::Recategorise => what.push_str(&format!(
                " {} → {}",
                label(&d.from_category),
                label(&d.to_category)
            )),
            DecisionKind::Confirm if d.to_category.is_some() => {
                what.push_str(&format!(" {}", label(&d.to_category)))
            }
            DecisionKind::Revoke if d.revokes.is_some() => {
                what.push_str(&format!(" #{}", d.revokes.unwrap_or_default()));
            }
            _ => {}
        }
        what
    }

    /// `Name: text`, later lines hung under the first (nothing for blank text).
    fn decision_words(&self, name: &str, text: &str, style: Style) -> Vec<Row> {
        crate::text::bounded(text.trim())
            .lines()
            .enumerate()
            .map(|(i, l)| {
                let head = if i == 0 {
                    format!("{name}: ")
                } else {
                    " ".repeat(name.len() + 2)
                };
                self.text(
                    vec![Span::raw("    "), Span::styled(format!("{head}{l}"), style)],
                    4 + name.len() + 2,
                )
            })
            .collect()
    }

    /// Owner, due date and who recorded it, when any is known.
    fn decision_people(&self, d: &Decision) -> Option<Row> {
        let mut who = Vec::new();
        if !d.owner.trim().is_empty() {
            who.push(format!("owner {}", d.owner.trim()));
        }
        if let Some(due) = d.due {
            who.push(format!("due {}", date(due)));
        }
        if !d.recorded_by.trim().is_empty() {
            who.push(format!("recorded by {}", d.recorded_by.trim()));
        }
        if who.is_empty() {
            return None;
        }
        Some(self.text(
            vec![
                Span::raw("    "),
                Span::styled(who.join(" · "), self.theme.dim),
            ],
            4,
        ))
    }

    /// The actions the decision set, each with its status (overdue ones stand out).
    fn decision_actions(&self, d: &Decision) -> Vec<Row> {
        self.actions
            .iter()
            .filter(|a| a.decision_id == d.id)
            .map(|a| {
                let status = crate::actions::report::status_words(a, self.today);
                let style = if a.is_overdue(self.today) {
                    self.theme.flag_major
                } else {
                    self.theme.dim
                };
                self.text(
                    vec![
                        Span::raw("    "),
                        Span::styled(format!("action #{} {}: ", a.id, a.text), self.theme.base),
                        Span::styled(status, style),
                    ],
                    4,
                )
            })
            .collect()
    }
}
