//! Whether a category decision departs from the policy's suggestion: below the category
//! the policy says the school should at least be in, or no step down where one is
//! suggested. A departure needs a reason, and the minutes list it.

use crate::config::Config;
use crate::model::DecisionKind;
use crate::policy::{SchoolAssessment, SuggestionKind};

/// How deciding `kind` (to `to`, for a recategorisation) departs from the suggestion, in
/// words; None when it follows the policy or the policy suggests nothing.
pub fn departure(
    config: &Config,
    a: &SchoolAssessment,
    kind: DecisionKind,
    to: Option<&str>,
) -> Option<String> {
    let s = a.suggestion.as_ref()?;
    let current = a.current_category.as_deref();
    let decided = match kind {
        DecisionKind::Confirm => current?,
        DecisionKind::Recategorise => to?,
        _ => return None,
    };
    let level = |k: &str| config.category(k).map(|c| c.level);
    let label = |k: &str| config.category_label(k).to_string();
    let (decided_level, suggested_level) = (level(decided)?, level(&s.category)?);
    let verb = if kind == DecisionKind::Confirm {
        "confirmed"
    } else {
        "recategorised to"
    };
    match s.kind {
        SuggestionKind::AtLeast if decided_level < suggested_level => Some(format!(
            "departs from the policy: it suggests at least {}, {verb} {}",
            label(&s.category),
            label(decided)
        )),
        SuggestionKind::StepDown if current.and_then(level).is_some_and(|c| decided_level >= c) => {
            Some(format!(
                "departs from the policy: it suggests a step down to {}, {verb} {}",
                label(&s.category),
                label(decided)
            ))
        }
        _ => None,
    }
}
