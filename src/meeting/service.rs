//! The meeting service: the one way the screen, `termly decide` and `termly export` open a
//! meeting, record a decision (with the policy's reasons for it), add a school to the
//! agenda, close a meeting (writing its minutes) and build its minutes.

use super::minutes::HeldMeeting;
use crate::clock::Clock;
use crate::config::Config;
use crate::dataset::Dataset;
use crate::minutes::{self, Minutes, MinutesError, Written};
use crate::model::{Decision, DecisionContext, Meeting, NewDecision, Urn};
use crate::policy::TermAssessment;
use crate::store::decisions::DecisionError;
use crate::store::{load_dataset, Store};
use crate::term::Term;
use chrono::NaiveDate;

/// A meeting just opened, or found open and resumed.
#[derive(Debug)]
pub struct Opened {
    pub meeting: Meeting,
    pub resumed: bool,
}

/// A meeting just closed, and where its minutes went (or why they did not).
#[derive(Debug)]
pub struct Closed {
    pub meeting: Meeting,
    pub minutes: Result<(Written, Written), MinutesError>,
}

/// Meetings and decisions, over one store, with the settings and the clock.
pub struct MeetingService<'a> {
    config: &'a Config,
    store: &'a mut Store,
    clock: &'a dyn Clock,
}

impl<'a> MeetingService<'a> {
    pub fn new(config: &'a Config, store: &'a mut Store, clock: &'a dyn Clock) -> Self {
        MeetingService {
            config,
            store,
            clock,
        }
    }

    /// Resume the term's open meeting, or open one held on `date` with `chair`. The term is
    /// the meeting's, whatever the date: its decisions take effect in that term.
    pub fn open_or_resume(
        &mut self,
        term: Term,
        date: NaiveDate,
        chair: &str,
        attendees: &[String],
    ) -> Result<Opened, DecisionError> {
        let now = self.clock.now();
        let resumed = self.store.open_meeting(term)?.is_some();
        let meeting = self
            .store
            .open_or_resume_meeting(term, date, chair, attendees, now)?;
        Ok(Opened { meeting, resumed })
    }

    /// A meeting by its id.
    pub fn meeting(&self, id: i64) -> Result<Meeting, DecisionError> {
        self.store.meeting(id)
    }

    /// The term's open meeting, if there is one.
    pub fn open_meeting(&self, term: Term) -> Result<Option<Meeting>, DecisionError> {
        self.store.open_meeting(term)
    }

    /// The term's latest closed meeting (not abandoned), if there is one.
    pub fn closed_meeting(&self, term: Term) -> Result<Option<Meeting>, DecisionError> {
        self.store.closed_meeting(term)
    }

    /// Record `decision` in `meeting`: a revocation when it names one, otherwise a decision
    /// carrying the policy's reasons for the school (from `assessment` of `data`). Who
    /// recorded it defaults to the chair. Returns once the write is durable.
    pub fn record(
        &mut self,
        meeting: &Meeting,
        decision: NewDecision,
        data: &Dataset,
        assessment: &TermAssessment,
    ) -> Result<Decision, DecisionError> {
        self.record_superseding(meeting, decision, data, assessment, None)
    }

    /// [`MeetingService::record`], superseding an earlier decision of the meeting when
    /// `supersedes` names one. A due date before the meeting is refused. A category decision
    /// that departs from the policy is refused without a reason and stored with the departure; one that takes a capacity over
    /// what the service has is stored with the over-commitment.
    pub fn record_superseding(
        &mut self,
        meeting: &Meeting,
        mut decision: NewDecision,
        data: &Dataset,
        assessment: &TermAssessment,
        supersedes: Option<i64>,
    ) -> Result<Decision, DecisionError> {
        let now = self.clock.now();
        decision.meeting_id = meeting.id;
        if decision.recorded_by.trim().is_empty() {
            decision.recorded_by = meeting.chair.clone();
        }
        if let Some(target) = decision.revokes {
            return super::revoke(
                self.store,
                target,
                &decision.rationale,
                &decision.recorded_by,
                meeting.id,
                now,
            );
        }
        check_due(meeting, &decision).map_err(DecisionError::Invalid)?;
        decision.policy_reasons = policy_reasons(data, assessment, decision.urn);
        let context = DecisionContext {
            departure: Some(departure_of(self.config, data, assessment, &decision)),
            supersedes,
            over_capacity: Some(over_capacity_of(self.config, data, meeting, &decision)),
        };
        super::record_in_context(self.store, self.config, decision, &context.cleaned(), now)
    }

    /// Add a school to the meeting's agenda, with why.
    pub fn add_to_agenda(
        &mut self,
        meeting_id: i64,
        urn: Urn,
        reason: &str,
    ) -> Result<(), DecisionError> {
        let now = self.clock.now();
        self.store.add_agenda_item(meeting_id, urn, reason, now)?;
        Ok(())
    }

    /// Close the meeting (its decisions become final) and write its minutes.
    pub fn close(&mut self, meeting_id: i64) -> Result<Closed, DecisionError> {
        let meeting = self.store.close_meeting(meeting_id, self.clock.now())?;
        let minutes = self.write_minutes(meeting_id);
        Ok(Closed { meeting, minutes })
    }

    /// The minutes of a meeting: see [`minutes_of`].
    pub fn minutes(&self, meeting_id: i64, with_heatmap: bool) -> Result<Minutes, MinutesError> {
        minutes_of(self.config, self.store, meeting_id, with_heatmap)
    }

    /// Write both forms of the minutes into the configured folder: (Markdown, TOML), each
    /// beside, never over, a copy someone has edited.
    pub fn write_minutes(&self, meeting_id: i64) -> Result<(Written, Written), MinutesError> {
        let m = self.minutes(meeting_id, false)?;
        let at = crate::store::decisions::timestamp(self.clock.now());
        minutes::write_minutes_files(self.config, self.store, &m, &at)
    }
}

/// The minutes of a meeting, from the database as it is now; its agenda judged as on the
/// meeting's date, so the same meeting always gives the same minutes.
pub fn minutes_of(
    config: &Config,
    store: &Store,
    meeting_id: i64,
    with_heatmap: bool,
) -> Result<Minutes, MinutesError> {
    let held = HeldMeeting {
        meeting: store.meeting(meeting_id)?,
        decisions: store.decisions_for_meeting(meeting_id)?,
        revocations: store.revocations_for_meeting(meeting_id)?,
        agenda_items: store.agenda_items(meeting_id)?,
        details: store.meeting_details(meeting_id)?,
        matters: store.matters_arising(meeting_id)?,
        actions: store.actions_of_meeting(meeting_id)?,
        contexts: store.decision_contexts(meeting_id)?,
    };
    let data = load_dataset(store, &config.team_keys())?;
    let assessment = data
        .term_index(held.meeting.term)
        .map(|i| crate::policy::assess_term(config, &data, i, held.meeting.date));
    Ok(super::minutes::build(
        config,
        &data,
        assessment.as_ref(),
        held,
        with_heatmap,
    ))
}

/// Read TOML minutes and compare them with the database: the differences, in words.
pub fn check_minutes_file(
    config: &Config,
    store: &Store,
    path: &std::path::Path,
) -> Result<Vec<String>, MinutesError> {
    let file = minutes::read_file(path)?;
    let db = minutes_of(config, store, file.meeting.id, file.heatmap.is_some())?;
    Ok(minutes::verify::differences(&file, &db))
}

/// A due date must not be before the meeting that sets it, from the screen or from
/// `termly decide`: an action cannot be due before it was agreed. Err is the message.
pub fn check_due(meeting: &Meeting, decision: &NewDecision) -> Result<(), String> {
    match decision.due.filter(|d| *d < meeting.date) {
        Some(due) => Err(format!(
            "the due date {} is before the meeting ({}): give a later date",
            due.format("%-d %b %Y"),
            meeting.date.format("%-d %b %Y")
        )),
        None => Ok(()),
    }
}

/// How the decision departs from the policy's suggestion for the school, in words; empty
/// when it follows it.
fn departure_of(
    config: &Config,
    data: &Dataset,
    assessment: &TermAssessment,
    d: &NewDecision,
) -> String {
    let (Some(kind), Some(i)) = (d.kind, data.school_index(d.urn)) else {
        return String::new();
    };
    assessment
        .schools
        .get(i)
        .and_then(|a| super::departure(config, a, kind, d.to_category.as_deref()))
        .unwrap_or_default()
}

/// The capacities a recategorisation takes over what the service has, in words; empty
/// when within every one. Judged from the record as it stands in the meeting (its term's
/// categories and the meeting's decisions so far), as the minutes judge it.
fn over_capacity_of(config: &Config, data: &Dataset, meeting: &Meeting, d: &NewDecision) -> String {
    let Some(i) = data.school_index(d.urn) else {
        return String::new();
    };
    if d.kind != Some(crate::model::DecisionKind::Recategorise) {
        return String::new();
    }
    let at = crate::model::RecordPosition::after_meeting(meeting);
    let categories: Vec<Option<String>> = (0..data.schools.len())
        .map(|s| data.category_as_of(s, at).map(|c| c.category.clone()))
        .collect();
    let capacity = crate::policy::capacity(config, data, &categories);
    let from = categories.get(i).cloned().flatten();
    crate::policy::decision_budgets(
        config,
        &capacity,
        data.schools[i].maintained,
        from.as_deref(),
        d.to_category.as_deref(),
    )
    .iter()
    .filter(|b| b.overspent_by_decision())
    .map(|b| b.describe())
    .collect::<Vec<_>>()
    .join("; ")
}

/// The policy's reasons for the school in `assessment`, one sentence a line.
pub fn policy_reasons(data: &Dataset, assessment: &TermAssessment, urn: Urn) -> String {
    data.school_index(urn)
        .and_then(|i| assessment.schools.get(i))
        .map(|a| {
            a.reasons
                .iter()
                .map(|r| r.sentence.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default()
}
