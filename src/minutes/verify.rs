//! Compare minutes read back from a file with the database, field by field.

use super::model::{DecisionRecord, MeetingRecord, Minutes};
use std::fmt::Debug;

/// Every difference between `file` and `db` (the minutes rebuilt from the database), in
/// words; empty when they agree. Meeting, summary and every decision are compared.
pub fn differences(file: &Minutes, db: &Minutes) -> Vec<String> {
    let mut out = Vec::new();
    meeting(&mut out, &file.meeting, &db.meeting);
    if file.summary != db.summary {
        out.push(format!(
            "summary: file says {:?}, database says {:?}",
            file.summary, db.summary
        ));
    }
    for f in &file.decisions {
        match db.decisions.iter().find(|d| d.id == f.id) {
            None => out.push(format!(
                "decision #{}: in the file but not in the database for meeting #{}",
                f.id, db.meeting.id
            )),
            Some(d) => decision(&mut out, f, d),
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
    out
}

fn field<T: PartialEq + Debug>(out: &mut Vec<String>, what: &str, name: &str, f: &T, d: &T) {
    if f != d {
        out.push(format!(
            "{what}: {name}: file says {f:?}, database says {d:?}"
        ));
    }
}

fn meeting(out: &mut Vec<String>, f: &MeetingRecord, d: &MeetingRecord) {
    let w = "meeting";
    field(out, w, "id", &f.id, &d.id);
    field(out, w, "term", &f.term, &d.term);
    field(out, w, "date", &f.date, &d.date);
    field(out, w, "chair", &f.chair, &d.chair);
    field(out, w, "attendees", &f.attendees, &d.attendees);
    field(out, w, "opened_at", &f.opened_at, &d.opened_at);
    field(out, w, "closed_at", &f.closed_at, &d.closed_at);
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
