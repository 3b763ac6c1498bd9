//! A write the server refused this role (its grants or row-level security), said in one
//! line: who was refused, what they were writing, and why.

use crate::store::db::DbError;
use crate::store::StoreError;

impl StoreError {
    /// When this is the server refusing `role` a write, the one-line [`StoreError::Refused`]
    /// naming `what` was being written; any other error is returned as it is.
    pub fn refused_as(self, role: Option<&str>, what: &str) -> StoreError {
        let reason = match (&self, role) {
            (StoreError::Database { source, .. }, Some(_)) => refusal_reason(source),
            _ => None,
        };
        match (reason, role) {
            (Some(reason), Some(role)) => StoreError::Refused {
                role: role.to_string(),
                what: what.to_string(),
                reason,
            },
            _ => self,
        }
    }
}

/// Why the server refused a write, when it did: row-level security, or a missing grant in
/// the server's own words ("permission denied for table decisions").
pub fn refusal_reason(error: &DbError) -> Option<String> {
    if !error.is_permission_denied() {
        return None;
    }
    let message = error.to_string();
    Some(if message.contains("row-level security") {
        "permission denied (row-level security)".to_string()
    } else {
        message
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_errors_pass_through_unchanged() {
        let err = StoreError::Invalid("bad".into()).refused_as(Some("lead_fin"), "hr's scores");
        assert_eq!(err.to_string(), "bad");
        let sqlite = StoreError::Database {
            path: "t.db".into(),
            source: DbError::NoRows,
        };
        let err = sqlite.refused_as(None, "hr's scores");
        assert!(matches!(err, StoreError::Database { .. }));
    }
}
