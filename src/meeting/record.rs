//! Recording in the meeting's record: the rules a decision must meet (what a recategorisation
//! may be, when words are required, a departure's reason), the category it moves from (the
//! school's category at the meeting's term, never the clock's), and revocation. The store
//! only writes the row these functions have checked.

use crate::actions::split_actions;
use crate::category_timeline;
use crate::config::Config;
use crate::dataset::Dataset;
use crate::model::{
    sanitize_text, ActionLine, CategorySpell, Decision, DecisionContext, DecisionKind, Meeting,
    NewDecision, RecordPosition, Urn,
};
use crate::store::decisions::{timestamp, DecisionError, Result};
use crate::store::Store;
use chrono::{DateTime, FixedOffset};

/// Validate and durably record a decision with no context (see [`record_in_context`]).
pub fn record_decision(
    store: &mut Store,
    config: &Config,
    new: NewDecision,
    now: DateTime<FixedOffset>,
) -> Result<Decision> {
    record_in_context(store, config, new, &DecisionContext::default(), now)
}

/// Validate and durably record a decision (not a revocation: see [`revoke`]), with how it
/// departs from the policy, what it supersedes and any over-commitment. A retry of a save
/// whose commit did land (the same request id) returns the saved decision.
pub fn record_in_context(
    store: &mut Store,
    config: &Config,
    new: NewDecision,
    context: &DecisionContext,
    now: DateTime<FixedOffset>,
) -> Result<Decision> {
    let request_id = new
        .request_id
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_string);
    // Checked before the rules: the form checked again (a recategorise to the category it
    // now has) would refuse the retry of a save that landed.
    if let Some(saved) = store.decision_for_request(request_id.as_deref())? {
        return Ok(saved);
    }
    let kind = new
        .kind
        .ok_or_else(|| DecisionError::Invalid("choose what was decided".into()))?;
    if kind == DecisionKind::Revoke {
        return Err(DecisionError::Invalid(
            "to revoke a decision, name the decision to revoke".into(),
        ));
    }
    let meeting = open_meeting(store, new.meeting_id)?;
    store.school_name(new.urn)?;
    let rationale = clean_text(&new.rationale);
    let lines = action_lines(kind, &new);
    check_action_lines(&lines, &meeting)?;
    let actions = lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let current = category_in_meeting(store, new.urn, &meeting, None)?;
    let to_category = match kind {
        DecisionKind::Recategorise => Some(recategorise_to(
            config,
            new.to_category.as_deref(),
            current.as_deref(),
        )?),
        DecisionKind::Confirm => current.clone(),
        _ => None,
    };
    check_words(kind, &rationale, &actions)?;
    if let Some(how) = context.departure.as_deref() {
        if rationale.is_empty() {
            return Err(DecisionError::Invalid(format!(
                "{}: give the reason",
                how.trim()
            )));
        }
    }
    let decision = Decision {
        id: 0,
        meeting_id: new.meeting_id,
        urn: new.urn,
        kind,
        from_category: current,
        to_category,
        rationale,
        actions,
        owner: clean_line(&new.owner),
        due: new.due,
        recorded_by: clean_line(&new.recorded_by),
        recorded_at: timestamp(now),
        revokes: None,
        policy_reasons: clean_text(&new.policy_reasons),
    };
    let context = context.cleaned();
    store.insert_decision(decision, Some(&context), request_id.as_deref(), &lines)
}

/// The decision's actions as lines, cleaned: as given one by one, or the command line's
/// text split a line each, all with its one owner and date (a deferral's date is when to
/// revisit the school, never an action's).
fn action_lines(kind: DecisionKind, new: &NewDecision) -> Vec<ActionLine> {
    let given: Vec<ActionLine> = if new.action_lines.is_empty() {
        let due = (kind != DecisionKind::Defer).then_some(new.due).flatten();
        split_actions(kind, &new.actions)
            .into_iter()
            .map(|text| ActionLine {
                text,
                owner: new.owner.clone(),
                due,
            })
            .collect()
    } else {
        new.action_lines.clone()
    };
    given
        .into_iter()
        .map(|l| ActionLine {
            text: clean_line(&l.text),
            owner: clean_line(&l.owner),
            due: l.due,
        })
        .filter(|l| !(l.text.is_empty() && l.owner.is_empty() && l.due.is_none()))
        .collect()
}

/// Each action says what, who and by when, and is not due before the meeting that sets it;
/// a refusal names the action by its number.
fn check_action_lines(lines: &[ActionLine], meeting: &Meeting) -> Result<()> {
    for (n, l) in lines.iter().enumerate().map(|(i, l)| (i + 1, l)) {
        let missing = if l.text.is_empty() {
            Some("no text: say what is to be done")
        } else if l.owner.is_empty() {
            Some("no owner: say who will do it")
        } else if l.due.is_none() {
            Some("no due date: say by when")
        } else {
            None
        };
        if let Some(what) = missing {
            return Err(DecisionError::Invalid(format!("action {n} has {what}")));
        }
        if let Some(due) = l.due.filter(|d| *d < meeting.date) {
            return Err(DecisionError::Invalid(format!(
                "action {n} is due {}, before the meeting ({}): give a later date",
                due.format("%-d %b %Y"),
                meeting.date.format("%-d %b %Y")
            )));
        }
    }
    Ok(())
}

/// Revoke an earlier decision by recording a new one in `meeting_id`. Nothing is deleted:
/// the revoked decision drops out of the record, so the school's category at every term is
/// what it would have been without it.
pub fn revoke(
    store: &mut Store,
    decision_id: i64,
    reason: &str,
    recorded_by: &str,
    meeting_id: i64,
    now: DateTime<FixedOffset>,
) -> Result<Decision> {
    let meeting = open_meeting(store, meeting_id)?;
    let target = store.decision(decision_id)?;
    if target.kind == DecisionKind::Revoke {
        return Err(DecisionError::Invalid(format!(
            "decision #{decision_id} is itself a revocation and cannot be revoked; record a new decision instead"
        )));
    }
    if let Some(by) = store.revoked_by(decision_id)? {
        return Err(DecisionError::Invalid(format!(
            "decision #{decision_id} was already revoked by decision #{by}"
        )));
    }
    let rationale = clean_text(reason);
    if rationale.is_empty() {
        return Err(DecisionError::Invalid(
            "a reason is required to revoke a decision".into(),
        ));
    }
    let from = category_in_meeting(store, target.urn, &meeting, None)?;
    let to = category_in_meeting(store, target.urn, &meeting, Some(decision_id))?;
    let decision = Decision {
        id: 0,
        meeting_id,
        urn: target.urn,
        kind: DecisionKind::Revoke,
        from_category: from,
        to_category: to,
        rationale,
        actions: String::new(),
        owner: String::new(),
        due: None,
        recorded_by: clean_line(recorded_by),
        recorded_at: timestamp(now),
        revokes: Some(decision_id),
        policy_reasons: String::new(),
    };
    store.insert_decision(decision, None, None, &[])
}

/// The school's category in a meeting as the record stands: its term's imports, every
/// earlier meeting and this meeting's decisions so far, leaving out `without` (a decision
/// about to be revoked).
pub fn category_in_meeting(
    store: &Store,
    urn: Urn,
    meeting: &Meeting,
    without: Option<i64>,
) -> Result<Option<String>> {
    let spells = school_spells(store, urn, without)?;
    Ok(
        category_timeline::at(&spells, RecordPosition::after_meeting(meeting))
            .map(|s| s.category.clone()),
    )
}

/// One school's spells in record order, read fresh from the store.
pub fn school_spells(store: &Store, urn: Urn, without: Option<i64>) -> Result<Vec<CategorySpell>> {
    let imported = store.imported_categories(urn)?;
    let mut decisions = store.decisions_for_school(urn)?;
    if let Some(id) = without {
        decisions.retain(|d| d.id != id);
    }
    let meetings = store.meetings()?;
    Ok(category_timeline::spells(imported, &decisions, &meetings))
}

fn open_meeting(store: &Store, meeting_id: i64) -> Result<Meeting> {
    let m = store.meeting(meeting_id)?;
    if m.closed_at.is_some() {
        return Err(DecisionError::Invalid(format!(
            "meeting #{meeting_id} is closed; open a new meeting to record decisions"
        )));
    }
    Ok(m)
}

/// The category a recategorise moves to: named, known to the config, and not the one the
/// school is already in.
fn recategorise_to(config: &Config, to: Option<&str>, current: Option<&str>) -> Result<String> {
    let to = to.map(str::trim).unwrap_or("");
    if to.is_empty() {
        return Err(DecisionError::Invalid(
            "recategorise needs the new category".into(),
        ));
    }
    if config.category(to).is_none() {
        let known: Vec<&str> = config.categories.iter().map(|c| c.key.as_str()).collect();
        return Err(DecisionError::Invalid(format!(
            "`{to}` is not a category; expected one of {}",
            known.join(", ")
        )));
    }
    if current == Some(to) {
        return Err(DecisionError::Invalid(format!(
            "the school is already {}: record a confirm instead",
            config.category_label(to)
        )));
    }
    Ok(to.to_string())
}

/// A recategorise or deferral must say why; a note must say something.
fn check_words(kind: DecisionKind, rationale: &str, actions: &str) -> Result<()> {
    match kind {
        DecisionKind::Recategorise | DecisionKind::Defer if rationale.is_empty() => Err(
            DecisionError::Invalid(format!("a rationale is required to {}", kind.key())),
        ),
        DecisionKind::Note if rationale.is_empty() && actions.is_empty() => Err(
            DecisionError::Invalid("a note needs actions or a rationale".into()),
        ),
        _ => Ok(()),
    }
}

/// Decisions that still stand: revocations and the decisions they revoke are left out.
pub fn effective(decisions: &[Decision]) -> Vec<Decision> {
    let revoked: std::collections::HashSet<i64> =
        decisions.iter().filter_map(|d| d.revokes).collect();
    decisions
        .iter()
        .filter(|d| d.kind != DecisionKind::Revoke && !revoked.contains(&d.id))
        .cloned()
        .collect()
}

fn clean_line(s: &str) -> String {
    sanitize_text(s, false).trim().to_string()
}

fn clean_text(s: &str) -> String {
    sanitize_text(s, true).trim().to_string()
}

/// The school's category at a term as the record stands in the store.
pub fn category_at(store: &Store, urn: Urn, term: crate::term::Term) -> Result<Option<String>> {
    let spells = school_spells(store, urn, None)?;
    Ok(category_timeline::at(&spells, RecordPosition::end_of(term)).map(|s| s.category.clone()))
}

/// The school's category at the end of the record (the latest term anything applies to).
pub fn latest_category(store: &Store, urn: Urn) -> Result<Option<String>> {
    Ok(school_spells(store, urn, None)?.pop().map(|s| s.category))
}

/// A recategorisation's "from": the school's category just before it in the record's order
/// (so a decision recorded later for an earlier term is taken into account, and decision
/// k's "from" is what decision k−1 left). Other kinds keep the category they were shown.
pub fn category_before(data: &Dataset, m: &Meeting, d: &Decision) -> Option<String> {
    if d.kind != DecisionKind::Recategorise {
        return d.from_category.clone();
    }
    let i = data.school_index(d.urn)?;
    let just_before = RecordPosition::decision(m.term, m.date, m.id, d.id - 1);
    data.category_as_of(i, just_before)
        .map(|s| s.category.clone())
}
