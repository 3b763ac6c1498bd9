//! Recategorise (pick the category → rationale and actions → confirm) and the one-step
//! forms for confirm, defer and note.

use super::category_picker::{CategoryPicker, PickOutcome};
use super::confirm_step;
use super::fields::{FieldId, FieldSet, FieldSpec, FieldsOutcome};
use super::popup::{draw_frame, Footer};
use super::FormKeys;
use super::{
    form_message, new_request_id, typing_hints, DiscardGuard, FormInput, FormOutcome, NewDecision,
    SaveFailure, SchoolRef,
};
use crate::config::Config;
use crate::model::DecisionKind;
use crate::policy::{decision_budgets, Budget, Capacity};
use crate::tui::action::Action;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

const DETAIL_FIELDS: [FieldSpec; 2] = [
    FieldSpec::new(FieldId::Rationale, "Rationale", true, true),
    FieldSpec::new(FieldId::Actions, "Actions", false, true),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecategoriseStep {
    Pick,
    Details,
    Confirm,
}

#[derive(Debug, Clone)]
pub struct RecategoriseForm {
    pub school: SchoolRef,
    pub step: RecategoriseStep,
    pub picker: CategoryPicker,
    pub fields: FieldSet,
    /// Per picker option: every configured capacity before → after choosing it.
    pub budgets: Vec<Vec<Budget>>,
    /// Why the last save failed (set by the App).
    pub error: Option<SaveFailure>,
    /// Sent with every attempt to save this form, so a retry cannot record it twice.
    pub request_id: String,
    guard: DiscardGuard,
}

impl RecategoriseForm {
    /// `suggested` is the policy's suggested category key; `capacity` what every school's
    /// current category costs; `maintained` whether this school is (SIP visits differ).
    pub fn new(
        config: &Config,
        school: SchoolRef,
        suggested: Option<&str>,
        capacity: &Capacity,
        maintained: bool,
    ) -> Self {
        let picker = CategoryPicker::new(config, school.category.as_deref(), suggested);
        let budgets = picker
            .options
            .iter()
            .map(|o| {
                decision_budgets(
                    config,
                    capacity,
                    maintained,
                    school.category.as_deref(),
                    Some(&o.key),
                )
            })
            .collect();
        RecategoriseForm {
            school,
            step: RecategoriseStep::Pick,
            picker,
            fields: FieldSet::new(&DETAIL_FIELDS),
            budgets,
            error: None,
            request_id: new_request_id(),
            guard: DiscardGuard::default(),
        }
    }

    /// What would be submitted now (whether or not it is valid).
    pub fn draft(&self) -> NewDecision {
        NewDecision {
            kind: Some(DecisionKind::Recategorise),
            urn: self.school.urn,
            to_category: self.picker.selected_option().map(|o| o.key.clone()),
            rationale: self.fields.text(FieldId::Rationale),
            actions: self.fields.text(FieldId::Actions),
            action_lines: self.fields.action_lines(),
            revokes: None,
            request_id: Some(self.request_id.clone()),
            ..NewDecision::default()
        }
    }

    pub fn handle(&mut self, input: FormInput) -> FormOutcome {
        let action = input.action();
        if action != Some(Action::FormBack) {
            self.guard.disarm();
        }
        match (self.step, action) {
            (RecategoriseStep::Pick, Some(Action::FormBack)) => return self.cancel(),
            (RecategoriseStep::Pick, _) => self.pick(input),
            (RecategoriseStep::Details, Some(Action::FormBack)) => {
                self.step = RecategoriseStep::Pick
            }
            (RecategoriseStep::Details, Some(Action::FormNext | Action::FormRetry)) => {
                self.go_to_confirm()
            }
            (RecategoriseStep::Details, _) => return self.type_details(input),
            // Over capacity, Enter does not record: `o` does, deliberately.
            (RecategoriseStep::Confirm, Some(Action::FormBack)) => {
                self.step = RecategoriseStep::Details
            }
            (RecategoriseStep::Confirm, Some(Action::RecordOverCapacity))
                if self.over_capacity() =>
            {
                return FormOutcome::Submit(Box::new(self.draft()));
            }
            (RecategoriseStep::Confirm, Some(Action::FormRetry | Action::FormEnter))
                if !self.over_capacity() =>
            {
                return FormOutcome::Submit(Box::new(self.draft()));
            }
            _ => {}
        }
        FormOutcome::Continue
    }

    /// Esc on the first step: close, or first warn that typed text would go.
    fn cancel(&mut self) -> FormOutcome {
        if self.guard.esc(self.fields.has_text()) {
            FormOutcome::Cancel
        } else {
            FormOutcome::Continue
        }
    }

    /// A move or a choice in the category list.
    fn pick(&mut self, input: FormInput) {
        if self.picker.handle(input) == PickOutcome::Chosen {
            self.step = RecategoriseStep::Details;
        }
    }

    /// A key in the rationale or the actions. Enter in the last field: nothing left to ask
    /// records, unless the review has something to settle (a capacity the choice takes over).
    fn type_details(&mut self, input: FormInput) -> FormOutcome {
        if self.fields.handle(input) == FieldsOutcome::Submit && self.fields.validate() {
            if !self.over_capacity() {
                return FormOutcome::Submit(Box::new(self.draft()));
            }
            self.step = RecategoriseStep::Confirm;
        }
        FormOutcome::Continue
    }

    /// The selected category's budgets (before → after).
    pub fn selected_budgets(&self) -> &[Budget] {
        self.budgets
            .get(self.picker.selected)
            .map_or(&[], Vec::as_slice)
    }

    /// The chosen category takes a capacity over what the service has.
    pub fn over_capacity(&self) -> bool {
        self.selected_budgets()
            .iter()
            .any(Budget::overspent_by_decision)
    }

    fn go_to_confirm(&mut self) {
        if self.fields.validate() {
            self.step = RecategoriseStep::Confirm;
        }
    }

    /// The last save failed in a way the same input may get past.
    fn can_retry(&self) -> bool {
        self.error.as_ref().is_some_and(SaveFailure::can_retry)
    }

    pub fn paste(&mut self, text: &str) {
        if self.step == RecategoriseStep::Details {
            self.fields.paste(text);
        }
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keys: &FormKeys) {
        let title = format!(
            "Recategorise {} (URN {}) · step {} of 3",
            self.school.name,
            self.school.urn,
            match self.step {
                RecategoriseStep::Pick => 1,
                RecategoriseStep::Details => 2,
                RecategoriseStep::Confirm => 3,
            }
        );
        let hints = self.hints();
        let footer = Footer {
            message: self.footer_message(theme),
            hints: &hints,
        };
        match self.step {
            RecategoriseStep::Pick => {
                let rows = self.picker.wanted_height() + 2;
                let content = draw_frame(area, buf, theme, keys, &title, rows, &footer);
                self.render_pick(content, buf, theme);
            }
            RecategoriseStep::Details => {
                let rows = self.fields.wanted_height(super::popup::content_width(area)) + 2;
                let content = draw_frame(area, buf, theme, keys, &title, rows, &footer);
                self.render_details(content, buf, theme);
            }
            RecategoriseStep::Confirm => {
                let lines = confirm_step::summary(self, theme, keys);
                let content =
                    draw_frame(area, buf, theme, keys, &title, lines.len() as u16, &footer);
                confirm_step::render_lines(lines, content, buf);
            }
        }
    }

    /// The discard warning, the failure to save, or the picker's warning, in that order.
    fn footer_message<'a>(&'a self, theme: &Theme) -> Option<(&'a str, Style)> {
        form_message(&self.guard, self.error.as_ref(), theme).or_else(|| {
            (self.step == RecategoriseStep::Pick)
                .then_some(self.picker.warning.as_deref())
                .flatten()
                .map(|w| (w, theme.flag_major))
        })
    }

    fn hints(&self) -> Vec<(&'static str, &'static str)> {
        match self.step {
            RecategoriseStep::Pick => vec![("↑↓", "choose"), ("Enter", "next"), ("Esc", "cancel")],
            RecategoriseStep::Details => typing_hints(&self.fields, "back").to_vec(),
            RecategoriseStep::Confirm if self.over_capacity() => {
                vec![("o", "record it over capacity"), ("Esc", "back to edit")]
            }
            RecategoriseStep::Confirm if self.can_retry() => {
                vec![("Enter/Ctrl-R", "try again"), ("Esc", "back to edit")]
            }
            RecategoriseStep::Confirm => {
                vec![("Enter", "record decision"), ("Esc", "back to edit")]
            }
        }
    }

    /// Step 1: the current category, then the list to choose from.
    fn render_pick(&self, content: Rect, buf: &mut Buffer, theme: &Theme) {
        if content.height == 0 {
            return;
        }
        let current = self
            .picker
            .current_option()
            .map_or("none".to_string(), |o| o.label.clone());
        Line::from(vec![
            Span::styled("Now ", theme.dim),
            Span::styled(current, theme.base),
            Span::styled(" · choose the new category:", theme.dim),
        ])
        .render(Rect::new(content.x, content.y, content.width, 1), buf);
        self.picker.render(below_first_two(content), buf, theme);
    }

    /// Step 2: from → to, then the fields.
    fn render_details(&self, content: Rect, buf: &mut Buffer, theme: &Theme) {
        if content.height == 0 {
            return;
        }
        let from = self
            .picker
            .current_option()
            .map_or("none".to_string(), |o| o.label.clone());
        let to = self
            .picker
            .selected_option()
            .map_or(String::new(), |o| o.label.clone());
        Line::from(vec![
            Span::styled(from, theme.base),
            Span::styled(" → ", theme.dim),
            Span::styled(to, theme.header),
        ])
        .render(Rect::new(content.x, content.y, content.width, 1), buf);
        self.fields.render(below_first_two(content), buf, theme);
    }
}

/// `content` less its first two rows (a heading line and a blank).
fn below_first_two(content: Rect) -> Rect {
    Rect::new(
        content.x,
        content.y + 2.min(content.height),
        content.width,
        content.height.saturating_sub(2),
    )
}

/// Confirm (no change), defer (revisit, with a reason) or note (actions, no change).
#[derive(Debug, Clone)]
pub struct SimpleForm {
    pub kind: DecisionKind,
    pub school: SchoolRef,
    /// Current category label, for the heading.
    pub category_label: String,
    pub fields: FieldSet,
    pub error: Option<SaveFailure>,
    /// On the review step: what was typed, read-only; Enter records it.
    pub reviewing: bool,
    /// Sent with every attempt to save this form, so a retry cannot record it twice.
    pub request_id: String,
    guard: DiscardGuard,
}

impl SimpleForm {
    /// `kind` is Confirm, Defer or Note (anything else is treated as Note).
    pub fn new(config: &Config, kind: DecisionKind, school: SchoolRef) -> Self {
        let specs: &[FieldSpec] = match kind {
            DecisionKind::Confirm => &[FieldSpec::new(FieldId::Rationale, "Note", false, false)],
            DecisionKind::Defer => &[
                FieldSpec::new(FieldId::Rationale, "Reason", true, true),
                FieldSpec::new(FieldId::Owner, "Owner", false, false),
                FieldSpec::new(FieldId::Due, "Revisit by", false, false),
            ],
            _ => &[
                FieldSpec::new(FieldId::Actions, "Actions", true, true),
                FieldSpec::new(FieldId::Rationale, "Rationale", false, true),
            ],
        };
        let kind = match kind {
            DecisionKind::Confirm | DecisionKind::Defer => kind,
            _ => DecisionKind::Note,
        };
        let category_label = school
            .category
            .as_deref()
            .map_or("no category".to_string(), |k| {
                config.category_label(k).to_string()
            });
        SimpleForm {
            kind,
            school,
            category_label,
            fields: FieldSet::new(specs),
            error: None,
            reviewing: false,
            request_id: new_request_id(),
            guard: DiscardGuard::default(),
        }
    }

    pub fn draft(&self) -> NewDecision {
        NewDecision {
            kind: Some(self.kind),
            urn: self.school.urn,
            to_category: None,
            rationale: self.fields.text(FieldId::Rationale),
            actions: self.fields.text(FieldId::Actions),
            action_lines: self.fields.action_lines(),
            // A deferral's owner follows it up by its revisit-by date.
            owner: self.fields.text(FieldId::Owner),
            due: self.fields.due(),
            revokes: None,
            request_id: Some(self.request_id.clone()),
            ..NewDecision::default()
        }
    }

    pub fn handle(&mut self, input: FormInput) -> FormOutcome {
        let action = input.action();
        if action != Some(Action::FormBack) {
            self.guard.disarm();
        }
        if self.reviewing {
            return match action {
                Some(Action::FormBack) => {
                    self.reviewing = false;
                    FormOutcome::Continue
                }
                Some(Action::FormRetry) if self.can_retry() => {
                    FormOutcome::Submit(Box::new(self.draft()))
                }
                Some(Action::FormEnter) => FormOutcome::Submit(Box::new(self.draft())),
                _ => FormOutcome::Continue,
            };
        }
        match action {
            Some(Action::FormBack) => {
                if self.guard.esc(self.fields.has_text()) {
                    return FormOutcome::Cancel;
                }
            }
            // From any field to the review.
            Some(Action::FormNext) => self.reviewing = self.fields.validate(),
            Some(Action::FormRetry) => {
                if self.can_retry() && self.fields.validate() {
                    return FormOutcome::Submit(Box::new(self.draft()));
                }
            }
            // Enter in the last field: nothing left to ask, so it records.
            _ => {
                if self.fields.handle(input) == FieldsOutcome::Submit && self.fields.validate() {
                    return FormOutcome::Submit(Box::new(self.draft()));
                }
            }
        }
        FormOutcome::Continue
    }

    /// The last save failed in a way the same input may get past.
    fn can_retry(&self) -> bool {
        self.error.as_ref().is_some_and(SaveFailure::can_retry)
    }

    pub fn paste(&mut self, text: &str) {
        self.fields.paste(text);
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keys: &FormKeys) {
        let verb = match self.kind {
            DecisionKind::Confirm => "Confirm",
            DecisionKind::Defer => "Defer",
            _ => "Note",
        };
        let step = if self.reviewing {
            " · step 2 of 2: review"
        } else {
            " · step 1 of 2"
        };
        let title = format!(
            "{verb} {} (URN {}){step}",
            self.school.name, self.school.urn
        );
        let message = form_message(&self.guard, self.error.as_ref(), theme);
        let typing = typing_hints(&self.fields, "cancel");
        let hints: &[(&str, &str)] = if self.reviewing && self.can_retry() {
            &[("Enter/Ctrl-R", "try again"), ("Esc", "back to edit")]
        } else if self.reviewing {
            &[("Enter", "record"), ("Esc", "back to edit")]
        } else {
            &typing
        };
        let footer = Footer { message, hints };
        let rows = self.fields.wanted_height(super::popup::content_width(area)) + 2;
        let content = draw_frame(area, buf, theme, keys, &title, rows, &footer);
        if content.height == 0 {
            return;
        }
        let what = match self.kind {
            DecisionKind::Confirm => format!("Stays {} (no change)", self.category_label),
            DecisionKind::Defer => format!("{}: decision deferred", self.category_label),
            _ => format!("{}: action without change", self.category_label),
        };
        Line::from(Span::styled(what, theme.base))
            .render(Rect::new(content.x, content.y, content.width, 1), buf);
        let rest = Rect::new(
            content.x,
            content.y + 2.min(content.height),
            content.width,
            content.height.saturating_sub(2),
        );
        if self.reviewing {
            confirm_step::render_lines(confirm_step::recorded(&self.fields, theme), rest, buf);
        } else {
            self.fields.render(rest, buf, theme);
        }
    }
}
