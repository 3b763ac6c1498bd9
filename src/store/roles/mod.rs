//! Roles and row-level security on PostgreSQL (`termly admin init-roles`): a chair role, one
//! role per team and a read-only viewer, with grants and policies the server enforces
//! whoever connects, `psql` included. The SQL is in `roles.sql` (once) and `team.sql` (per
//! team); `state.sql` reads back what they manage, so a run can say what it changed.

mod refusal;

pub use refusal::refusal_reason;

use super::db::{DbError, Dialect, TxMode};
use super::{Store, StoreError};
use std::collections::BTreeSet;

const ROLES_SQL: &str = include_str!("roles.sql");
const TEAM_SQL: &str = include_str!("team.sql");
const STATE_SQL: &str = include_str!("state.sql");

/// The chair's group role: decisions, meetings, imports, everything else.
pub const CHAIR_ROLE: &str = "termly_chair";
/// The read-only group role.
pub const VIEWER_ROLE: &str = "termly_viewer";
/// PostgreSQL's longest name, in bytes.
const MAX_NAME: usize = 63;

/// The group role of the team with this key.
pub fn team_role(team: &str) -> String {
    format!("termly_team_{team}")
}

/// What one run of [`Store::init_roles`] changed (all empty: nothing to change).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RolesReport {
    /// Group roles created, in name order.
    pub created_roles: Vec<String>,
    /// Privileges granted and revoked, as `role privilege on table`.
    pub granted: Vec<String>,
    pub revoked: Vec<String>,
    /// Tables whose row-level security was switched on.
    pub secured_tables: Vec<String>,
    /// Policies created and dropped (a changed policy is one of each).
    pub policies_created: Vec<String>,
    pub policies_dropped: Vec<String>,
}

impl RolesReport {
    pub fn is_unchanged(&self) -> bool {
        self.created_roles.is_empty()
            && self.granted.is_empty()
            && self.revoked.is_empty()
            && self.secured_tables.is_empty()
            && self.policies_created.is_empty()
            && self.policies_dropped.is_empty()
    }

    fn from_states(before: &State, after: &State) -> RolesReport {
        let added = |kind: &str| -> Vec<String> {
            after
                .difference(before)
                .filter(|(k, _)| k == kind)
                .map(|(_, fact)| fact.clone())
                .collect()
        };
        let removed = |kind: &str| -> Vec<String> {
            before
                .difference(after)
                .filter(|(k, _)| k == kind)
                .map(|(_, fact)| fact.clone())
                .collect()
        };
        RolesReport {
            created_roles: added("role"),
            granted: added("grant"),
            revoked: removed("grant"),
            secured_tables: added("security"),
            policies_created: added("policy"),
            policies_dropped: removed("policy"),
        }
    }
}

/// (kind, fact) rows from `state.sql`.
type State = BTreeSet<(String, String)>;

impl Store {
    /// Create or bring up to date the roles, grants and row-level security for `teams`
    /// (their keys), in one transaction. Only on PostgreSQL, by the owner of termly's
    /// tables or a superuser. Running it again changes nothing.
    pub fn init_roles(&self, teams: &[String]) -> Result<RolesReport, StoreError> {
        if self.dialect() != Dialect::Postgres {
            return Err(StoreError::Invalid(
                "roles are a PostgreSQL feature; a SQLite file is one officer's".into(),
            ));
        }
        for team in teams {
            check_team_key(team)?;
        }
        let tx = self.db.begin(TxMode::Exclusive).map_err(|e| self.err(e))?;
        self.check_owner(&tx)?;
        let schema: String = tx
            .value("SELECT current_schema()", &[])
            .map_err(|e| self.err(e))?;
        let schema = quote_identifier(&schema);
        let before = read_state(&tx).map_err(|e| self.err(e))?;
        tx.execute_batch(&ROLES_SQL.replace("{schema}", &schema))
            .map_err(|e| self.err(e))?;
        for team in teams {
            let sql = TEAM_SQL
                .replace("{schema}", &schema)
                .replace("{role}", &team_role(team))
                .replace("{team}", team);
            tx.execute_batch(&sql).map_err(|e| self.err(e))?;
        }
        let after = read_state(&tx).map_err(|e| self.err(e))?;
        tx.commit().map_err(|e| self.err(e))?;
        Ok(RolesReport::from_states(&before, &after))
    }

    /// The role this connection acts as on PostgreSQL (None for a SQLite file, which has
    /// no roles), to name it when the server refuses a write.
    pub fn role_name(&self) -> Result<Option<String>, StoreError> {
        match self.dialect() {
            Dialect::Sqlite => Ok(None),
            Dialect::Postgres => self
                .db
                .value("SELECT CAST(current_user AS TEXT)", &[])
                .map(Some)
                .map_err(|e| self.err(e)),
        }
    }

    /// True when this connection may number a meeting's agenda: a writable SQLite file, or
    /// on a server a role granted it (the chair, the owner), not a viewer or a team lead.
    pub fn may_number_agenda(&self) -> Result<bool, StoreError> {
        match self.dialect() {
            Dialect::Sqlite => Ok(!self.is_read_only()),
            Dialect::Postgres => self
                .db
                .value(
                    "SELECT has_table_privilege('agenda_numbers', 'INSERT')",
                    &[],
                )
                .map_err(|e| self.err(e)),
        }
    }

    /// Granting on a table and creating its policies take its owner: say so before
    /// anything is tried, rather than fail halfway with the server's words.
    fn check_owner(&self, db: &super::db::Db) -> Result<(), StoreError> {
        let owned: Vec<(String, bool)> = db
            .query(
                "SELECT CAST(tablename AS TEXT), pg_has_role(current_user, tableowner, 'USAGE')
                 FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename",
                &[],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| self.err(e))?;
        let not_owned: Vec<&str> = owned
            .iter()
            .filter(|(_, own)| !own)
            .map(|(table, _)| table.as_str())
            .collect();
        let may_create_roles: bool = db
            .value(
                "SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user",
                &[],
            )
            .map_err(|e| self.err(e))?;
        if !not_owned.is_empty() || !may_create_roles {
            let role = self.role_name()?.unwrap_or_default();
            let mut why = Vec::new();
            if not_owned.len() == owned.len() {
                why.push("it owns none of termly's tables".to_string());
            } else if !not_owned.is_empty() {
                why.push(format!("it does not own {}", not_owned.join(", ")));
            }
            if !may_create_roles {
                why.push("it may not create roles (CREATEROLE)".to_string());
            }
            return Err(StoreError::Invalid(format!(
                "init-roles must be run by the owner of termly's tables with CREATEROLE, or a superuser; role {role} cannot: {}",
                why.join("; ")
            )));
        }
        Ok(())
    }
}

fn read_state(db: &super::db::Db) -> Result<State, DbError> {
    Ok(db
        .query(STATE_SQL, &[], |r| Ok((r.get(0)?, r.get(1)?)))?
        .into_iter()
        .collect())
}

/// A team key goes into role names and policy SQL: only what the config itself allows
/// (lower-case letters, digits and _), and short enough for a role name.
fn check_team_key(team: &str) -> Result<(), StoreError> {
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_';
    if team.is_empty() || !team.chars().all(allowed) {
        return Err(StoreError::Invalid(format!(
            "team key `{team}` must be lower-case letters, digits and _ to name a role"
        )));
    }
    if team_role(team).len() > MAX_NAME {
        return Err(StoreError::Invalid(format!(
            "team key `{team}` is too long for a role name (termly_team_ and at most {} characters)",
            MAX_NAME - team_role("").len()
        )));
    }
    Ok(())
}

/// An SQL identifier, double-quoted.
fn quote_identifier(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_has_no_roles() {
        let store = Store::open_in_memory().unwrap();
        let err = store.init_roles(&["finance".into()]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "roles are a PostgreSQL feature; a SQLite file is one officer's"
        );
        assert_eq!(store.role_name().unwrap(), None);
        assert!(
            store.may_number_agenda().unwrap(),
            "a writable file numbers its agenda"
        );
    }

    #[test]
    fn team_keys_that_could_not_be_role_names_are_refused() {
        assert!(check_team_key("finance").is_ok());
        assert!(check_team_key("send_2").is_ok());
        for bad in ["", "Finance", "hr; DROP TABLE scores", "x'y", "a-b"] {
            assert!(check_team_key(bad).is_err(), "{bad}");
        }
        assert!(check_team_key(&"a".repeat(51)).is_ok());
        assert!(check_team_key(&"a".repeat(52)).is_err());
    }

    #[test]
    fn identifiers_are_quoted() {
        assert_eq!(quote_identifier("public"), "\"public\"");
        assert_eq!(quote_identifier("a\"b"), "\"a\"\"b\"");
    }

    #[test]
    fn a_report_is_the_difference_of_two_states() {
        let fact = |k: &str, f: &str| (k.to_string(), f.to_string());
        let before: State = [
            fact("role", "termly_chair"),
            fact("grant", "termly_chair update on decisions"),
        ]
        .into_iter()
        .collect();
        let after: State = [
            fact("role", "termly_chair"),
            fact("role", "termly_viewer"),
            fact("security", "scores"),
        ]
        .into_iter()
        .collect();
        let report = RolesReport::from_states(&before, &after);
        assert_eq!(report.created_roles, vec!["termly_viewer"]);
        assert_eq!(report.revoked, vec!["termly_chair update on decisions"]);
        assert_eq!(report.secured_tables, vec!["scores"]);
        assert!(!report.is_unchanged());
        assert!(RolesReport::from_states(&after, &after).is_unchanged());
    }
}
