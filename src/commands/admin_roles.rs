//! `termly admin init-roles`: the shared database's roles, grants and row-level security,
//! made by its owner; then what each role may do and how to give a person one.

use super::Context;
use crate::store::roles::{team_role, RolesReport, CHAIR_ROLE, VIEWER_ROLE};
use anyhow::bail;
use std::process::ExitCode;

pub fn run(ctx: &mut Context) -> anyhow::Result<ExitCode> {
    if !ctx.config.database_location().is_server() {
        bail!("roles are a PostgreSQL feature; a SQLite file is one officer's");
    }
    let teams = ctx.config.team_keys();
    let store = ctx.store()?;
    let report = store.init_roles(&teams)?;
    println!("{}", changes(&report, &store.path().display().to_string()));
    println!("{}", what_each_may_do(&teams));
    Ok(ExitCode::SUCCESS)
}

/// What the run changed, one line per kind of change.
fn changes(report: &RolesReport, database: &str) -> String {
    if report.is_unchanged() {
        return format!(
            "init-roles on {database}: nothing to change; the roles, grants and policies are already in place"
        );
    }
    let mut lines = vec![format!("init-roles on {database}:")];
    let mut line = |label: &str, items: &[String], list: bool| {
        if items.is_empty() {
            return;
        }
        lines.push(if list {
            format!("  {label}: {}", items.join(", "))
        } else {
            format!("  {label}: {}", items.len())
        });
    };
    line("created roles", &report.created_roles, true);
    line("privileges granted", &report.granted, false);
    line("privileges revoked", &report.revoked, false);
    line(
        "row-level security switched on for",
        &report.secured_tables,
        true,
    );
    line("policies created", &report.policies_created, false);
    line("policies dropped", &report.policies_dropped, false);
    lines.join("\n")
}

/// The roles, what each may do, and the two statements that give a person one.
fn what_each_may_do(teams: &[String]) -> String {
    let mut lines = vec![
        String::new(),
        "Roles (nobody logs in as them; grant one to each person's own login role):".into(),
        format!(
            "  {CHAIR_ROLE:<24} the meeting: decisions, meetings, actions, imports of everything"
        ),
    ];
    for team in teams {
        let role = team_role(team);
        lines.push(format!(
            "  {role:<24} the {team} team's scores and indicators only; reads everything"
        ));
    }
    lines.push(format!(
        "  {VIEWER_ROLE:<24} reads everything, writes nothing"
    ));
    let example = teams
        .first()
        .map_or(VIEWER_ROLE.to_string(), |t| team_role(t));
    lines.push(String::new());
    lines.push("To add a person, as the owner in psql:".into());
    lines.push(format!(
        "  CREATE ROLE alice LOGIN; GRANT {example} TO alice;"
    ));
    lines.push(
        "and give them a password with psql's \\password alice; they keep it in ~/.pgpass or PGPASSWORD."
            .into(),
    );
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unchanged_run_says_so_in_one_line() {
        let text = changes(&RolesReport::default(), "postgres://o@h/t");
        assert_eq!(text.lines().count(), 1);
        assert!(text.contains("nothing to change"), "{text}");
    }

    #[test]
    fn a_first_run_lists_its_roles_and_counts_the_rest() {
        let report = RolesReport {
            created_roles: vec!["termly_chair".into(), "termly_viewer".into()],
            granted: vec!["a".into(), "b".into()],
            secured_tables: vec!["scores".into()],
            ..Default::default()
        };
        let text = changes(&report, "postgres://o@h/t");
        assert!(
            text.contains("created roles: termly_chair, termly_viewer"),
            "{text}"
        );
        assert!(text.contains("privileges granted: 2"), "{text}");
        assert!(text.contains("switched on for: scores"), "{text}");
        assert!(!text.contains("revoked"), "{text}");
    }

    #[test]
    fn the_help_names_every_team_role_and_how_to_add_a_person() {
        let text = what_each_may_do(&["finance".into(), "hr".into()]);
        assert!(text.contains("termly_team_finance"), "{text}");
        assert!(text.contains("termly_team_hr"), "{text}");
        assert!(
            text.contains("CREATE ROLE alice LOGIN; GRANT termly_team_finance TO alice;"),
            "{text}"
        );
    }
}
