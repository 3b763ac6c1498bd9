//! Actions: what a decision or a note asked someone to do, with an owner and a due date,
//! followed until it is done or dropped. Pure data and rules; the store keeps them
//! append-only and `termly actions` and the screen show them.

pub mod matters;
pub mod report;

use crate::model::{DecisionKind, Urn};
use chrono::NaiveDate;
use std::fmt;

/// Where an action stands. A change of status is appended, never written over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ActionStatus {
    Open,
    Done,
    Dropped,
}

impl ActionStatus {
    pub fn key(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::Done => "done",
            ActionStatus::Dropped => "dropped",
        }
    }

    pub fn parse(s: &str) -> Option<ActionStatus> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "open" => ActionStatus::Open,
            "done" => ActionStatus::Done,
            "dropped" => ActionStatus::Dropped,
            _ => return None,
        })
    }
}

impl fmt::Display for ActionStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// One action and its latest status.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionItem {
    pub id: i64,
    pub urn: Urn,
    pub school: String,
    pub text: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
    /// The decision that set it, and that decision's meeting.
    pub decision_id: i64,
    pub meeting_id: i64,
    pub status: ActionStatus,
    /// The note given with the latest status change ("" when opened).
    pub note: String,
    /// When and by whom the latest status change was made.
    pub changed_at: String,
    pub changed_by: String,
    /// The latest change carried it forward at a later meeting's matters arising.
    pub carried: bool,
    /// The meeting where the latest change was made, if it was made in one.
    pub changed_at_meeting: Option<i64>,
}

impl ActionItem {
    /// Open and past its due date on `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status == ActionStatus::Open && self.due.is_some_and(|due| due < today)
    }

    /// "overdue 7 days", "due today", "due in 3 days", "" without a date; for open actions.
    pub fn due_words(&self, today: NaiveDate) -> String {
        let Some(due) = self.due.filter(|_| self.status == ActionStatus::Open) else {
            return String::new();
        };
        match (due - today).num_days() {
            d if d < 0 => format!("OVERDUE by {} day{}", -d, plural(-d)),
            0 => "due today".into(),
            d => format!("due in {d} day{}", plural(d)),
        }
    }
}

fn plural(n: i64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The actions a decision's text sets: one per non-empty line. A revocation sets none.
pub fn split_actions(kind: DecisionKind, text: &str) -> Vec<String> {
    if kind == DecisionKind::Revoke {
        return Vec::new();
    }
    text.lines()
        .map(|l| l.trim().trim_start_matches(['-', '*', '•']).trim())
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// Which actions to list (`termly actions --open --overdue --owner … --school …`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActionFilter {
    pub open_only: bool,
    pub overdue_only: bool,
    /// Matches an owner containing this, ignoring case.
    pub owner: Option<String>,
    pub school: Option<Urn>,
}

impl ActionFilter {
    pub fn keeps(&self, a: &ActionItem, today: NaiveDate) -> bool {
        (!self.open_only || a.status == ActionStatus::Open)
            && (!self.overdue_only || a.is_overdue(today))
            && self
                .owner
                .as_deref()
                .is_none_or(|o| a.owner.to_lowercase().contains(&o.trim().to_lowercase()))
            && self.school.is_none_or(|u| a.urn == u)
    }
}

/// Open first with the overdue among them first (longest overdue first), then by due date
/// (undated last), then by number; done and dropped after, by number.
pub fn sort_for_review(actions: &mut [ActionItem], today: NaiveDate) {
    actions.sort_by_key(|a| {
        (
            a.status != ActionStatus::Open,
            !a.is_overdue(today),
            a.due.is_none(),
            a.due,
            a.id,
        )
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: i64, due: Option<&str>, status: ActionStatus) -> ActionItem {
        ActionItem {
            id,
            urn: 100001,
            school: "A".into(),
            text: "t".into(),
            owner: "EWO lead".into(),
            due: due.map(|d| d.parse().unwrap()),
            decision_id: 1,
            meeting_id: 1,
            status,
            note: String::new(),
            changed_at: String::new(),
            changed_by: String::new(),
            carried: false,
            changed_at_meeting: None,
        }
    }

    #[test]
    fn overdue_only_when_open_and_past_due() {
        let today: NaiveDate = "2026-11-27".parse().unwrap();
        let open = item(1, Some("2026-11-20"), ActionStatus::Open);
        assert!(open.is_overdue(today));
        assert_eq!(open.due_words(today), "OVERDUE by 7 days");
        assert!(!item(2, Some("2026-11-20"), ActionStatus::Done).is_overdue(today));
        assert!(!item(3, Some("2026-11-27"), ActionStatus::Open).is_overdue(today));
        assert_eq!(
            item(3, Some("2026-11-28"), ActionStatus::Open).due_words(today),
            "due in 1 day"
        );
        assert!(!item(4, None, ActionStatus::Open).is_overdue(today));
    }

    #[test]
    fn review_order_puts_overdue_first_then_due_then_closed() {
        let today: NaiveDate = "2026-11-27".parse().unwrap();
        let mut list = vec![
            item(1, None, ActionStatus::Open),
            item(2, Some("2026-11-20"), ActionStatus::Done),
            item(3, Some("2026-12-20"), ActionStatus::Open),
            item(4, Some("2026-11-25"), ActionStatus::Open),
            item(5, Some("2026-10-01"), ActionStatus::Open),
        ];
        sort_for_review(&mut list, today);
        let ids: Vec<i64> = list.iter().map(|a| a.id).collect();
        assert_eq!(ids, [5, 4, 3, 1, 2]);
    }

    #[test]
    fn each_line_is_an_action_and_filters_combine() {
        assert_eq!(
            split_actions(DecisionKind::Note, "- Visit\n\n* Report to governors \n"),
            ["Visit", "Report to governors"]
        );
        assert!(split_actions(DecisionKind::Revoke, "x").is_empty());
        let today: NaiveDate = "2026-11-27".parse().unwrap();
        let a = item(1, Some("2026-11-20"), ActionStatus::Open);
        let by_owner = ActionFilter {
            owner: Some("ewo".into()),
            overdue_only: true,
            ..ActionFilter::default()
        };
        assert!(by_owner.keeps(&a, today));
        let other_school = ActionFilter {
            school: Some(100002),
            ..ActionFilter::default()
        };
        assert!(!other_school.keeps(&a, today));
    }
}
