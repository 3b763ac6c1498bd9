//! Plain data shared by every layer: schools, inspections, scores, meetings, decisions.
//! No IO here. Categories and teams are configuration, so they are referred to by key.

use crate::term::Term;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Kept here too: every reader and writer of the model cleans text with these.
pub use crate::text::{fmt_num, sanitize_text};

/// A school's 6-digit unique reference number.
pub type Urn = u32;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Nursery,
    Primary,
    Secondary,
    AllThrough,
    Special,
    AlternativeProvision,
}

impl Phase {
    pub const ALL: [Phase; 6] = [
        Phase::Nursery,
        Phase::Primary,
        Phase::Secondary,
        Phase::AllThrough,
        Phase::Special,
        Phase::AlternativeProvision,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Phase::Nursery => "nursery",
            Phase::Primary => "primary",
            Phase::Secondary => "secondary",
            Phase::AllThrough => "all_through",
            Phase::Special => "special",
            Phase::AlternativeProvision => "alternative_provision",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Phase::Nursery => "Nursery",
            Phase::Primary => "Primary",
            Phase::Secondary => "Secondary",
            Phase::AllThrough => "All-through",
            Phase::Special => "Special",
            Phase::AlternativeProvision => "Alternative provision",
        }
    }

    /// One or two letters for the grid.
    pub fn short(self) -> &'static str {
        match self {
            Phase::Nursery => "N",
            Phase::Primary => "P",
            Phase::Secondary => "S",
            Phase::AllThrough => "AT",
            Phase::Special => "Sp",
            Phase::AlternativeProvision => "AP",
        }
    }

    /// Accepts termly's keys and the wording used by GIAS (`PhaseOfEducation (name)`) and
    /// `TypeOfEstablishment (name)` for special schools and PRUs.
    pub fn parse(text: &str) -> Option<Phase> {
        let t = text.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        Some(match t.as_str() {
            "nursery" => Phase::Nursery,
            "primary" | "middle_deemed_primary" => Phase::Primary,
            "secondary" | "middle_deemed_secondary" | "16_plus" => Phase::Secondary,
            "all_through" | "allthrough" => Phase::AllThrough,
            "special" => Phase::Special,
            "alternative_provision" | "ap" | "pru" | "pupil_referral_unit" => {
                Phase::AlternativeProvision
            }
            _ => return None,
        })
    }
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Whether the local authority maintains a school follows from its establishment type.
/// Community, voluntary aided/controlled, foundation, nursery, special and PRU are maintained;
/// academies, free schools, UTCs and studio schools are not.
pub fn is_maintained_type(establishment_type: &str) -> bool {
    let t = establishment_type.to_ascii_lowercase();
    let not_maintained = [
        "academy",
        "free school",
        "university technical",
        "utc",
        "studio school",
        "independent",
        "non-maintained",
        "city technology",
    ];
    if not_maintained.iter().any(|w| t.contains(w)) {
        return false;
    }
    let maintained = [
        "community",
        "voluntary aided",
        "voluntary controlled",
        "foundation",
        "nursery",
        "special",
        "pupil referral",
        "pru",
        "local authority",
    ];
    maintained.iter().any(|w| t.contains(w))
}

/// One establishment on the register, with its support arrangements.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct School {
    pub urn: Urn,
    pub name: String,
    pub phase: Phase,
    pub establishment_type: String,
    pub maintained: bool,
    pub pupils: Option<u32>,
    pub headteacher: Option<String>,
    pub la_code: Option<String>,
    pub sip: Option<String>,
    pub lama: Option<String>,
}

/// Legacy Ofsted overall effectiveness, 1 Outstanding … 4 Inadequate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Concern {
    SeriousWeaknesses,
    SpecialMeasures,
}

impl Concern {
    pub fn label(self) -> &'static str {
        match self {
            Concern::SeriousWeaknesses => "serious weaknesses",
            Concern::SpecialMeasures => "special measures",
        }
    }
    pub fn parse(text: &str) -> Option<Concern> {
        match text
            .trim()
            .to_ascii_lowercase()
            .replace([' ', '-'], "_")
            .as_str()
        {
            "serious_weaknesses" | "sw" => Some(Concern::SeriousWeaknesses),
            "special_measures" | "sm" => Some(Concern::SpecialMeasures),
            _ => None,
        }
    }
}

/// Report-card grade on the five-point scale, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AreaGrade {
    Exceptional,
    StrongStandard,
    ExpectedStandard,
    NeedsAttention,
    UrgentImprovement,
}

impl AreaGrade {
    pub fn label(self) -> &'static str {
        match self {
            AreaGrade::Exceptional => "exceptional",
            AreaGrade::StrongStandard => "strong standard",
            AreaGrade::ExpectedStandard => "expected standard",
            AreaGrade::NeedsAttention => "needs attention",
            AreaGrade::UrgentImprovement => "urgent improvement",
        }
    }
    pub fn key(self) -> &'static str {
        match self {
            AreaGrade::Exceptional => "exceptional",
            AreaGrade::StrongStandard => "strong_standard",
            AreaGrade::ExpectedStandard => "expected_standard",
            AreaGrade::NeedsAttention => "needs_attention",
            AreaGrade::UrgentImprovement => "urgent_improvement",
        }
    }
    pub fn parse(text: &str) -> Option<AreaGrade> {
        let t = text.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        Some(match t.as_str() {
            "exceptional" | "1" => AreaGrade::Exceptional,
            "strong_standard" | "strong" | "2" => AreaGrade::StrongStandard,
            "expected_standard" | "expected" | "3" => AreaGrade::ExpectedStandard,
            "needs_attention" | "4" => AreaGrade::NeedsAttention,
            "urgent_improvement" | "5" => AreaGrade::UrgentImprovement,
            _ => return None,
        })
    }
}

/// The evaluation areas of a report-card inspection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Area {
    Inclusion,
    CurriculumTeaching,
    Achievement,
    AttendanceBehaviour,
    PersonalDevelopment,
    LeadershipGovernance,
    EarlyYears,
    Post16,
}

impl Area {
    pub const ALL: [Area; 8] = [
        Area::Inclusion,
        Area::CurriculumTeaching,
        Area::Achievement,
        Area::AttendanceBehaviour,
        Area::PersonalDevelopment,
        Area::LeadershipGovernance,
        Area::EarlyYears,
        Area::Post16,
    ];
    /// Column name in inspection files.
    pub fn key(self) -> &'static str {
        match self {
            Area::Inclusion => "inclusion",
            Area::CurriculumTeaching => "curriculum_teaching",
            Area::Achievement => "achievement",
            Area::AttendanceBehaviour => "attendance_behaviour",
            Area::PersonalDevelopment => "personal_development",
            Area::LeadershipGovernance => "leadership_governance",
            Area::EarlyYears => "early_years",
            Area::Post16 => "post16",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Area::Inclusion => "Inclusion",
            Area::CurriculumTeaching => "Curriculum and teaching",
            Area::Achievement => "Achievement",
            Area::AttendanceBehaviour => "Attendance and behaviour",
            Area::PersonalDevelopment => "Personal development and wellbeing",
            Area::LeadershipGovernance => "Leadership and governance",
            Area::EarlyYears => "Early years",
            Area::Post16 => "Post-16",
        }
    }
}

/// The outcome of an inspection, in either shape.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum InspectionOutcome {
    Legacy {
        /// 1 Outstanding, 2 Good, 3 Requires improvement, 4 Inadequate.
        grade: u8,
        concern: Option<Concern>,
    },
    ReportCard {
        areas: Vec<(Area, AreaGrade)>,
        safeguarding_met: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Inspection {
    pub urn: Urn,
    pub date: NaiveDate,
    pub outcome: InspectionOutcome,
}

pub fn legacy_grade_label(grade: u8) -> &'static str {
    match grade {
        1 => "Outstanding",
        2 => "Good",
        3 => "Requires improvement",
        4 => "Inadequate",
        _ => "?",
    }
}

impl Inspection {
    /// Very short form for the grid: `2`, `4 SM`, `RC!` (report card with a concern), `RC`.
    pub fn short(&self) -> String {
        match &self.outcome {
            InspectionOutcome::Legacy { grade, concern } => match concern {
                Some(Concern::SpecialMeasures) => format!("{grade}SM"),
                Some(Concern::SeriousWeaknesses) => format!("{grade}SW"),
                None => grade.to_string(),
            },
            InspectionOutcome::ReportCard {
                areas,
                safeguarding_met,
            } => {
                let worst = areas.iter().map(|(_, g)| *g).max();
                if !safeguarding_met {
                    "RC!S".into()
                } else if worst == Some(AreaGrade::UrgentImprovement) {
                    "RC!U".into()
                } else if worst == Some(AreaGrade::NeedsAttention) {
                    "RC·N".into()
                } else {
                    "RC".into()
                }
            }
        }
    }

    /// One line for the detail pane and minutes.
    pub fn describe(&self) -> String {
        match &self.outcome {
            InspectionOutcome::Legacy { grade, concern } => {
                let mut s = format!("{} ({grade})", legacy_grade_label(*grade));
                if let Some(c) = concern {
                    s.push_str(", ");
                    s.push_str(c.label());
                }
                format!("{s}, inspected {}", self.date.format("%-d %b %Y"))
            }
            InspectionOutcome::ReportCard {
                areas,
                safeguarding_met,
            } => {
                let parts: Vec<String> = areas
                    .iter()
                    .map(|(a, g)| format!("{}: {}", a.label(), g.label()))
                    .collect();
                format!(
                    "Report card {}: {}; safeguarding {}",
                    self.date.format("%-d %b %Y"),
                    parts.join("; "),
                    if *safeguarding_met { "met" } else { "not met" }
                )
            }
        }
    }
}

/// A period in one support category, from its term until the next spell starts. Spells are
/// ordered by [`CategorySpell::position`], never by the clock: see `category_timeline`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategorySpell {
    pub urn: Urn,
    pub category: String,
    /// The first term it applies to: the meeting's term for a decision, the term holding
    /// `since` for an imported category.
    pub term: Term,
    /// The day it was set: the meeting's date for a decision, the file's date for an import.
    pub since: NaiveDate,
    /// The decision that made it, when it came from a meeting rather than an import.
    pub decision_id: Option<i64>,
    /// The meeting that decided it.
    pub meeting_id: Option<i64>,
}

impl CategorySpell {
    /// A category from an imported support file: it applies from the term holding `since`.
    pub fn imported(urn: Urn, category: impl Into<String>, since: NaiveDate) -> CategorySpell {
        CategorySpell {
            urn,
            category: category.into(),
            term: Term::containing(since),
            since,
            decision_id: None,
            meeting_id: None,
        }
    }

    /// Where the spell stands in the record (see [`RecordPosition`]).
    pub fn position(&self) -> RecordPosition {
        match (self.meeting_id, self.decision_id) {
            (Some(meeting), Some(decision)) => {
                RecordPosition::decision(self.term, self.since, meeting, decision)
            }
            _ => RecordPosition::imported(self.term, self.since),
        }
    }
}

/// The order of the record: by term; within a term, imported categories first (the
/// service's starting point), then each meeting by its date and number, then its decisions
/// in the order recorded. The clock that stamped the rows plays no part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RecordPosition {
    term: Term,
    /// 0 for an import, 1 for a meeting's decision.
    source: u8,
    day: NaiveDate,
    meeting: i64,
    decision: i64,
}

impl RecordPosition {
    pub fn imported(term: Term, since: NaiveDate) -> RecordPosition {
        RecordPosition {
            term,
            source: 0,
            day: since,
            meeting: 0,
            decision: 0,
        }
    }

    pub fn decision(
        term: Term,
        meeting_date: NaiveDate,
        meeting: i64,
        decision: i64,
    ) -> RecordPosition {
        RecordPosition {
            term,
            source: 1,
            day: meeting_date,
            meeting,
            decision,
        }
    }

    /// Just before a meeting's first decision: everything earlier in the record.
    pub fn before_meeting(m: &Meeting) -> RecordPosition {
        RecordPosition::decision(m.term, m.date, m.id, i64::MIN)
    }

    /// Just after a meeting's last decision.
    pub fn after_meeting(m: &Meeting) -> RecordPosition {
        RecordPosition::decision(m.term, m.date, m.id, i64::MAX)
    }

    /// Everything that applies in `term`: every spell of that term and the terms before it.
    pub fn end_of(term: Term) -> RecordPosition {
        RecordPosition {
            term,
            source: u8::MAX,
            day: NaiveDate::MAX,
            meeting: i64::MAX,
            decision: i64::MAX,
        }
    }
}

/// One team's judgement of one school in one term.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Score {
    pub urn: Urn,
    pub term: Term,
    pub team: String,
    /// None when the team sent indicators only.
    pub score: Option<u8>,
    pub comment: String,
    pub indicators: Vec<(String, f64)>,
}

/// One row of a team's scores file, as read and as written.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreRow {
    pub urn: Urn,
    pub score: Option<u8>,
    pub comment: String,
    /// Indicator name (lower-case header) and value, in column order.
    pub indicators: Vec<(String, f64)>,
}

/// One row of the support file: a school's category since a date, and its advisers.
#[derive(Debug, Clone, PartialEq)]
pub struct SupportRow {
    pub urn: Urn,
    /// A configured category key.
    pub category: String,
    pub since: NaiveDate,
    pub sip: Option<String>,
    pub lama: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    Recategorise,
    Confirm,
    Defer,
    Note,
    /// Revokes an earlier decision; `revokes` names it.
    Revoke,
}

impl DecisionKind {
    pub fn key(self) -> &'static str {
        match self {
            DecisionKind::Recategorise => "recategorise",
            DecisionKind::Confirm => "confirm",
            DecisionKind::Defer => "defer",
            DecisionKind::Note => "note",
            DecisionKind::Revoke => "revoke",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            DecisionKind::Recategorise => "Recategorised",
            DecisionKind::Confirm => "Confirmed",
            DecisionKind::Defer => "Deferred",
            DecisionKind::Note => "Noted",
            DecisionKind::Revoke => "Revoked",
        }
    }
    pub fn parse(s: &str) -> Option<DecisionKind> {
        Some(match s {
            "recategorise" => DecisionKind::Recategorise,
            "confirm" => DecisionKind::Confirm,
            "defer" => DecisionKind::Defer,
            "note" => DecisionKind::Note,
            "revoke" => DecisionKind::Revoke,
            _ => return None,
        })
    }
}

/// What the meeting resolved for one school. Never edited: a correction is a new decision
/// of kind `Revoke` pointing at the old one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub id: i64,
    pub meeting_id: i64,
    pub urn: Urn,
    pub kind: DecisionKind,
    pub from_category: Option<String>,
    pub to_category: Option<String>,
    pub rationale: String,
    pub actions: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
    pub recorded_by: String,
    /// RFC 3339 time the decision was committed.
    pub recorded_at: String,
    pub revokes: Option<i64>,
    /// The policy's reasons at the time of the decision, one per line.
    pub policy_reasons: String,
}

/// One action a decision sets: what, who, and by when. Every action needs all three.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActionLine {
    pub text: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
}

/// What is kept beside a decision so the council can defend it. Each part is absent unless
/// it applies (nothing is written for a decision with none).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DecisionContext {
    /// How the decision departs from the policy's suggestion, in words. The reason is the
    /// decision's rationale, which is then required.
    pub departure: Option<String>,
    /// The earlier decision of the same meeting that this one replaces.
    pub supersedes: Option<i64>,
    /// The capacities the decision took over what the service has, in words (recorded after
    /// the chair's extra key).
    pub over_capacity: Option<String>,
}

impl DecisionContext {
    pub fn is_empty(&self) -> bool {
        self.departure.is_none() && self.supersedes.is_none() && self.over_capacity.is_none()
    }

    /// Text made safe and trimmed; a part left blank is absent.
    pub fn cleaned(&self) -> DecisionContext {
        let clean = |s: &Option<String>| {
            s.as_deref()
                .map(|s| sanitize_text(s, true).trim().to_string())
                .filter(|s| !s.is_empty())
        };
        DecisionContext {
            departure: clean(&self.departure),
            supersedes: self.supersedes,
            over_capacity: clean(&self.over_capacity),
        }
    }
}

/// A decision as entered, on the screen's form or the command line: the one shape it has
/// from form to store. The meeting service fills in the meeting, who recorded it (the chair
/// unless given) and the policy's reasons; the store adds the id, the category it changes
/// from and the time.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewDecision {
    pub meeting_id: i64,
    pub urn: Urn,
    pub kind: Option<DecisionKind>,
    /// Category key, for recategorise.
    pub to_category: Option<String>,
    /// Why; for a revocation, the reason it is revoked.
    pub rationale: String,
    /// The actions, one per line, all owned by `owner` and due on `due` (the command line's
    /// `--actions`). Ignored when `action_lines` are given.
    pub actions: String,
    /// Who owns the actions given in `actions`; for a deferral, who follows it up.
    pub owner: String,
    /// When the actions given in `actions` are due; for a deferral, the revisit-by date.
    pub due: Option<NaiveDate>,
    /// Each action with its own owner and due date (the screen's form, `--action`).
    pub action_lines: Vec<ActionLine>,
    pub recorded_by: String,
    /// The policy's reasons at the time, one per line.
    pub policy_reasons: String,
    /// For a revocation: the decision it revokes.
    pub revokes: Option<i64>,
    /// Names this attempt to record the decision: the screen's form sends the same id on
    /// every retry, so a retry after a commit whose outcome was lost finds the decision
    /// already saved instead of saving it twice. `None` (the command line) is one shot.
    pub request_id: Option<String>,
}

/// One sitting of the meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meeting {
    pub id: i64,
    pub term: Term,
    pub date: NaiveDate,
    pub chair: String,
    pub attendees: Vec<String>,
    pub opened_at: String,
    pub closed_at: Option<String>,
}

/// A school added to a meeting's agenda by hand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgendaItem {
    pub meeting_id: i64,
    pub urn: Urn,
    pub reason: String,
    pub added_at: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maintained_follows_establishment_type() {
        assert!(is_maintained_type("Community school"));
        assert!(is_maintained_type("Voluntary aided school"));
        assert!(is_maintained_type("Local authority nursery school"));
        assert!(is_maintained_type("Pupil referral unit"));
        assert!(is_maintained_type("Community special school"));
        assert!(!is_maintained_type("Academy converter"));
        assert!(!is_maintained_type("Free schools"));
        assert!(!is_maintained_type("Academy special sponsor led"));
        assert!(!is_maintained_type("University technical college"));
    }

    #[test]
    fn phase_parse_accepts_gias_words() {
        assert_eq!(Phase::parse("Primary"), Some(Phase::Primary));
        assert_eq!(Phase::parse("All-through"), Some(Phase::AllThrough));
        assert_eq!(Phase::parse("16 plus"), Some(Phase::Secondary));
        assert_eq!(Phase::parse("wibble"), None);
    }
}
