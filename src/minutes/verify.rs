//! Compare minutes read back from a file with the database, field by field.

use super::model::{DecisionRecord, MeetingRecord, Minutes};
use std::fmt::Debug;

/// Every difference between `file` and `db` (the minutes rebuilt from the database), in
/// words; empty when they agree. Meeting, summary, every decision, and for version 2 the
/// circulation, matters arising, actions, deferrals and the agenda not reached. A version 1
/// file is checked for what version 1 carried: its meeting and decisions (its summary
/// counted revoked decisions, so it is not compared).
pub fn differences(file: &Minutes, db: &Minutes) -> Vec<String> {
    let mut out = Vec::new();
    meeting(&mut out, &file.meeting, &db.meeting, file.format_version);
    decisions(&mut out, file, db);
    if file.format_version < 2 {
        return out;
    }
    let whole = |out: &mut Vec<String>, what: &str, f: &dyn Debug, d: &dyn Debug, same: bool| {
        if !same {
            out.push(format!("{what}: file says {f:?}, database says {d:?}"));
        }
    };
    whole(
        &mut out,
        "summary",
        &file.summary,
        &db.summary,
        file.summary == db.summary,
    );
    whole(
        &mut out,
        "circulation",
        &file.circulation,
        &db.circulation,
        file.circulation == db.circulation,
    );
    listed(
        &mut out,
        "matters arising: action",
        &file.matters_arising,
        &db.matters_arising,
        |m| m.action,
    );
    listed(
        &mut out,
        "returning deferral: decision",
        &file.returning,
        &db.returning,
        |d| d.decision,
    );
    listed(&mut out, "action", &file.actions, &db.actions, |a| a.id);
    listed(
        &mut out,
        "deferral: decision",
        &file.deferred,
        &db.deferred,
        |d| d.decision,
    );
    listed(
        &mut out,
        "not reached: URN",
        &file.not_reached,
        &db.not_reached,
        |a| a.urn as i64,
    );
    out
}

/// Compare two lists keyed by `key`: what is missing on either side, and what differs.
fn listed<T: PartialEq + Debug>(
    out: &mut Vec<String>,
    what: &str,
    file: &[T],
    db: &[T],
    key: impl Fn(&T) -> i64,
) {
    for f in file {
        match db.iter().find(|d| key(d) == key(f)) {
            None => out.push(format!(
                "{what} {}: in the file but not in the database",
                key(f)
            )),
            Some(d) if d != f => out.push(format!(
                "{what} {}: file says {f:?}, database says {d:?}",
                key(f)
            )),
            Some(_) => {}
        }
    }
    for d in db {
        if !file.iter().any(|f| key(f) == key(d)) {
            out.push(format!(
                "{what} {}: in the database but missing from the file",
                key(d)
            ));
        }
    }
}

fn decisions(out: &mut Vec<String>, file: &Minutes, db: &Minutes) {
    for f in &file.decisions {
        match db.decisions.iter().find(|d| d.id == f.id) {
            None => out.push(format!(
                "decision #{}: in the file but not in the database for meeting #{}",
                f.id, db.meeting.id
            )),
            Some(d) => decision(out, f, d),
        }
    }
    for d in &db.decisions {
        if !file.decisions.iter().any(|f| f.id == d.id) {
            out.push(format!(
                "decision #{}: in the database but missing from the file",
                d.id
            ));
        }
    }
}

fn field<T: PartialEq + Debug>(out: &mut Vec<String>, what: &str, name: &str, f: &T, d: &T) {
    if f != d {
        out.push(format!(
            "{what}: {name}: file says {f:?}, database says {d:?}"
        ));
    }
}

fn meeting(out: &mut Vec<String>, f: &MeetingRecord, d: &MeetingRecord, version: u32) {
    let w = "meeting";
    field(out, w, "id", &f.id, &d.id);
    field(out, w, "term", &f.term, &d.term);
    field(out, w, "date", &f.date, &d.date);
    field(out, w, "chair", &f.chair, &d.chair);
    field(out, w, "attendees", &f.attendees, &d.attendees);
    field(out, w, "opened_at", &f.opened_at, &d.opened_at);
    field(out, w, "closed_at", &f.closed_at, &d.closed_at);
    if version >= 2 {
        field(out, w, "apologies", &f.apologies, &d.apologies);
        field(out, w, "next_meeting", &f.next_meeting, &d.next_meeting);
    }
}

fn decision(out: &mut Vec<String>, f: &DecisionRecord, d: &DecisionRecord) {
    let w = format!("decision #{}", f.id);
    field(out, &w, "urn", &f.urn, &d.urn);
    field(out, &w, "school", &f.school, &d.school);
    field(out, &w, "kind", &f.kind, &d.kind);
    field(out, &w, "from_category", &f.from_category, &d.from_category);
    field(out, &w, "to_category", &f.to_category, &d.to_category);
    field(out, &w, "rationale", &f.rationale, &d.rationale);
    field(out, &w, "actions", &f.actions, &d.actions);
    field(out, &w, "owner", &f.owner, &d.owner);
    field(out, &w, "due", &f.due, &d.due);
    field(out, &w, "recorded_by", &f.recorded_by, &d.recorded_by);
    field(out, &w, "recorded_at", &f.recorded_at, &d.recorded_at);
    field(out, &w, "revokes", &f.revokes, &d.revokes);
    field(
        out,
        &w,
        "policy_reasons",
        &f.policy_reasons,
        &d.policy_reasons,
    );
    field(out, &w, "revoked_by", &f.revoked_by, &d.revoked_by);
    field(
        out,
        &w,
        "revoked_reason",
        &f.revoked_reason,
        &d.revoked_reason,
    );
}
