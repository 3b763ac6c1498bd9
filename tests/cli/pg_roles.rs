//! Roles and row-level security on PostgreSQL (`termly admin init-roles`), checked the way
//! anyone could connect — with `psql` as a finance lead, a chair and a viewer — and with the
//! real binary as each of them. Needs `TERMLY_TEST_PG` (see tests/common/pg.rs).

use crate::common::cli::termly_in;
use crate::common::cli::{stderr, stdout};
use crate::common::files::good_borough;
use crate::common::tools::need;
use crate::pg_support;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicU32, Ordering};
use termly::store::{Location, Store};

/// Tables no role may change or remove a row of.
const APPEND_ONLY: [&str; 6] = [
    "decisions",
    "decision_context",
    "actions",
    "action_events",
    "meeting_changes",
    "category_history",
];

/// A fresh database with termly's roles, and one login role for each kind of person. The
/// login roles are the server's, not the database's: they are dropped when this is.
struct Shared {
    borough: tempfile::TempDir,
    owner: String,
    /// What the first `termly admin init-roles` printed.
    first_run: String,
    finance_lead: String,
    chair: String,
    viewer: String,
}

impl Shared {
    /// None (the test says SKIPPED) when there is no server outside CI.
    fn new(tag: &str) -> Option<Shared> {
        let server = pg_support::server()?;
        let owner = pg_support::fresh_database(&server, tag);
        let borough = good_borough();
        let first = termly(borough.path(), &owner, &["admin", "init-roles"]);
        assert!(first.status.success(), "{}", stderr(&first));
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let name = |who: &str| format!("{who}_{}_{n}", std::process::id());
        let shared = Shared {
            first_run: stdout(&first),
            borough,
            finance_lead: name("lead_fin"),
            chair: name("chair"),
            viewer: name("viewer"),
            owner,
        };
        shared.as_owner(&format!(
            "CREATE ROLE {fin} LOGIN; GRANT termly_team_finance TO {fin};
             CREATE ROLE {chair} LOGIN; GRANT termly_chair TO {chair};
             CREATE ROLE {viewer} LOGIN; GRANT termly_viewer TO {viewer};",
            fin = shared.finance_lead,
            chair = shared.chair,
            viewer = shared.viewer,
        ));
        Some(shared)
    }

    fn client(&self) -> postgres::Client {
        postgres::Client::connect(&self.owner, postgres::NoTls).unwrap()
    }

    fn as_owner(&self, sql: &str) {
        self.client().batch_execute(sql).unwrap();
    }

    fn count(&self, sql: &str) -> i64 {
        self.client().query_one(sql, &[]).unwrap().get(0)
    }

    /// This database's URL, connecting as `role`.
    fn url_as(&self, role: &str) -> String {
        let start = self.owner.find("://").unwrap() + 3;
        let at = self.owner[start..].find('@').unwrap() + start;
        format!("{}{role}{}", &self.owner[..start], &self.owner[at..])
    }

    fn psql_as(&self, role: &str, sql: &str) -> Output {
        Command::new("psql")
            .args(["-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d"])
            .arg(self.url_as(role))
            .args(["-c", sql])
            .output()
            .unwrap()
    }

    fn termly_as(&self, role: &str, args: &[&str]) -> Output {
        termly(self.borough.path(), &self.url_as(role), args)
    }
}

impl Drop for Shared {
    fn drop(&mut self) {
        // Best effort: a leftover login role owns nothing and grants nothing.
        if let Ok(mut c) = postgres::Client::connect(&self.owner, postgres::NoTls) {
            for role in [&self.finance_lead, &self.chair, &self.viewer] {
                let _ = c.batch_execute(&format!("DROP ROLE IF EXISTS {role}"));
            }
        }
    }
}

fn termly(dir: &Path, database: &str, args: &[&str]) -> Output {
    termly_in(dir)
        .args(["--database", database])
        .args(args)
        .output()
        .unwrap()
}

/// True when psql stopped on an error (the server refused the statement).
fn refused(o: &Output) -> bool {
    !o.status.success()
}

#[test]
fn a_sqlite_file_has_no_roles() {
    let borough = good_borough();
    let out = termly(
        borough.path(),
        &borough.path().join("t.db").display().to_string(),
        &["admin", "init-roles"],
    );
    assert!(!out.status.success());
    assert_eq!(
        stderr(&out),
        "termly: roles are a PostgreSQL feature; a SQLite file is one officer's\n"
    );
    assert!(!borough.path().join("t.db").exists(), "no file is created");
}

#[test]
fn init_roles_grants_what_each_role_needs_and_a_second_run_changes_nothing() {
    let Some(db) = Shared::new("roles_init") else {
        return;
    };
    let first = &db.first_run;
    assert!(first.contains("privileges granted: "), "{first}");
    assert!(
        first.contains(
            "row-level security switched on for: imports, indicators, score_packs, score_packs_stale, scores"
        ),
        "{first}"
    );
    assert!(first.contains("policies created: "), "{first}");
    let not_owner = db.termly_as(&db.chair, &["admin", "init-roles"]);
    assert!(!not_owner.status.success());
    assert_eq!(
        stderr(&not_owner),
        format!(
            "termly: init-roles must be run by the owner of termly's tables with CREATEROLE, or a superuser; role {} cannot: it owns none of termly's tables; it may not create roles (CREATEROLE)\n",
            db.chair
        )
    );
    let again = termly(db.borough.path(), &db.owner, &["admin", "init-roles"]);
    assert!(again.status.success(), "{}", stderr(&again));
    let text = stdout(&again);
    assert!(text.contains("nothing to change"), "{text}");
    assert!(
        text.contains("CREATE ROLE alice LOGIN; GRANT termly_team_finance TO alice;"),
        "{text}"
    );
    for role in [
        "termly_chair",
        "termly_viewer",
        "termly_team_finance",
        "termly_team_hr",
    ] {
        assert!(text.contains(role), "{role} is described: {text}");
    }
    let secured = db.count(
        "SELECT count(*) FROM pg_class WHERE relrowsecurity AND NOT relforcerowsecurity
         AND relname IN ('scores', 'indicators', 'imports', 'score_packs', 'score_packs_stale')",
    );
    assert_eq!(secured, 5, "row-level security on, not forced on the owner");
    for table in APPEND_ONLY {
        let changers = db.count(&format!(
            "SELECT count(*) FROM pg_roles r WHERE r.rolname LIKE 'termly\\_%'
             AND (has_table_privilege(r.oid, '{table}', 'UPDATE')
               OR has_table_privilege(r.oid, '{table}', 'DELETE')
               OR has_table_privilege(r.oid, '{table}', 'TRUNCATE'))"
        ));
        assert_eq!(changers, 0, "no termly role may change {table}");
        let chair_inserts = db.count(&format!(
            "SELECT count(*) FROM pg_roles WHERE rolname = 'termly_chair'
             AND has_table_privilege(oid, '{table}', 'INSERT')"
        ));
        assert_eq!(chair_inserts, 1, "the chair adds to {table}");
    }
    let viewer_writes = db.count(
        "SELECT count(*) FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace
         AND c.relkind = 'r'
         AND (has_table_privilege('termly_viewer', c.oid, 'INSERT')
           OR has_table_privilege('termly_viewer', c.oid, 'UPDATE')
           OR has_table_privilege('termly_viewer', c.oid, 'DELETE')
           OR has_table_privilege('termly_viewer', c.oid, 'TRUNCATE'))",
    );
    assert_eq!(viewer_writes, 0);
    let unreadable = db.count(
        "SELECT count(*) FROM pg_class c, pg_roles r
         WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'
         AND r.rolname IN ('termly_chair', 'termly_viewer', 'termly_team_finance')
         AND NOT has_table_privilege(r.oid, c.oid, 'SELECT')",
    );
    assert_eq!(unreadable, 0, "every role reads every table");
}

#[test]
fn with_psql_a_team_lead_writes_its_own_team_only() {
    if !need("psql", "--version") {
        return;
    }
    let Some(db) = Shared::new("roles_psql") else {
        return;
    };
    db.as_owner(
        "INSERT INTO schools (urn, name, phase, establishment_type, maintained)
           VALUES (900001, 'A', 'primary', 'Community school', 1);
         INSERT INTO scores (term, team, urn, score) VALUES ('2026-27-autumn', 'hr', 900001, 2);",
    );
    let fin = &db.finance_lead;
    let hr_insert = db.psql_as(
        fin,
        "INSERT INTO scores (term, team, urn, score) VALUES ('2026-27-spring', 'hr', 900001, 4)",
    );
    assert!(refused(&hr_insert));
    assert!(
        stderr(&hr_insert).contains("row-level security"),
        "{}",
        stderr(&hr_insert)
    );
    // Another team's rows are out of a team role's reach: UPDATE and DELETE find none.
    let hr_update = db.psql_as(fin, "UPDATE scores SET score = 4 WHERE team = 'hr'");
    assert_eq!(
        stdout(&hr_update).trim(),
        "UPDATE 0",
        "{}",
        stderr(&hr_update)
    );
    let hr_delete = db.psql_as(fin, "DELETE FROM scores WHERE team = 'hr'");
    assert_eq!(
        stdout(&hr_delete).trim(),
        "DELETE 0",
        "{}",
        stderr(&hr_delete)
    );
    assert_eq!(
        db.count("SELECT count(*) FROM scores WHERE team = 'hr' AND score = 2"),
        1,
        "hr's score is as it was"
    );
    let own = db.psql_as(
        fin,
        "INSERT INTO scores (term, team, urn, score) VALUES ('2026-27-autumn', 'finance', 900001, 3);
         UPDATE scores SET score = 4 WHERE team = 'finance';",
    );
    assert!(own.status.success(), "{}", stderr(&own));
    assert_eq!(
        db.count("SELECT count(*) FROM scores WHERE team = 'finance' AND score = 4"),
        1
    );
    let moved = db.psql_as(fin, "UPDATE scores SET team = 'hr' WHERE team = 'finance'");
    assert!(refused(&moved), "a finance row cannot become hr's");
    let log = db.psql_as(
        fin,
        "INSERT INTO imports (kind, term, team, file, hash, rows, imported_at)
         VALUES ('register', NULL, NULL, 'register.csv', 'x', 1, 'now')",
    );
    assert!(refused(&log), "the register's import log is the chair's");
    let own_log = db.psql_as(
        fin,
        "INSERT INTO imports (kind, term, team, file, hash, rows, imported_at)
         VALUES ('scores', '2026-27-autumn', 'finance', 'finance.csv', 'x', 1, 'now')",
    );
    assert!(own_log.status.success(), "{}", stderr(&own_log));
    let decision = db.psql_as(
        fin,
        "INSERT INTO meetings (term, date, chair, opened_at) VALUES ('2026-27-autumn', '2026-11-23', 'C', 'now')",
    );
    assert!(refused(&decision), "a team lead does not run meetings");
}

#[test]
fn with_psql_the_chair_cannot_change_a_decision_and_the_viewer_cannot_write() {
    if !need("psql", "--version") {
        return;
    }
    let Some(db) = Shared::new("roles_chair") else {
        return;
    };
    db.as_owner(
        "INSERT INTO schools (urn, name, phase, establishment_type, maintained)
           VALUES (900001, 'A', 'primary', 'Community school', 1);
         INSERT INTO scores (term, team, urn, score) VALUES ('2026-27-autumn', 'hr', 900001, 2);",
    );
    let chair = &db.chair;
    let recorded = db.psql_as(
        chair,
        "INSERT INTO meetings (id, term, date, chair, opened_at)
           VALUES (1, '2026-27-autumn', '2026-11-23', 'C', 'now');
         INSERT INTO decisions (meeting_id, urn, kind, rationale, recorded_by, recorded_at)
           VALUES (1, 900001, 'confirm', 'Stable', 'C', 'now');
         UPDATE scores SET score = 3 WHERE team = 'hr';",
    );
    assert!(recorded.status.success(), "{}", stderr(&recorded));
    for change in [
        "UPDATE decisions SET rationale = 'changed'",
        "DELETE FROM decisions",
        "TRUNCATE decisions CASCADE",
    ] {
        let out = db.psql_as(chair, change);
        assert!(refused(&out), "{change}");
        assert!(
            stderr(&out).contains("permission denied"),
            "{change}: {}",
            stderr(&out)
        );
    }
    assert_eq!(
        db.count("SELECT count(*) FROM decisions WHERE rationale = 'Stable'"),
        1
    );
    assert_eq!(
        db.count("SELECT count(*) FROM scores WHERE team = 'hr' AND score = 3"),
        1
    );

    let viewer = &db.viewer;
    for insert in [
        "INSERT INTO scores (term, team, urn, score) VALUES ('2026-27-autumn', 'finance', 900001, 3)",
        "INSERT INTO meetings (term, date, chair, opened_at) VALUES ('2026-27-autumn', '2026-11-23', 'V', 'now')",
        "INSERT INTO decisions (meeting_id, urn, kind, rationale, recorded_by, recorded_at) VALUES (1, 900001, 'confirm', 'x', 'V', 'now')",
        "INSERT INTO schools (urn, name, phase, establishment_type, maintained) VALUES (900009, 'B', 'primary', 'Community school', 1)",
        "INSERT INTO imports (kind, file, hash, rows, imported_at) VALUES ('register', 'r.csv', 'x', 1, 'now')",
    ] {
        let out = db.psql_as(viewer, insert);
        assert!(refused(&out), "{insert}");
        assert!(stderr(&out).contains("permission denied"), "{insert}: {}", stderr(&out));
    }
    let read = db.psql_as(viewer, "SELECT count(*) FROM scores");
    assert_eq!(stdout(&read).trim(), "1", "the viewer reads everything");

    // The screen numbers the agenda only where it may: a viewer's or a team lead's screen
    // reads the chair's numbers instead of failing to write them.
    for (role, may) in [(viewer, false), (&db.finance_lead, false), (chair, true)] {
        let store = Store::open_at(&Location::Postgres(db.url_as(role)), None).unwrap();
        assert_eq!(store.may_number_agenda().unwrap(), may, "{role}");
    }
}

/// The borough's files imported by the owner, as the service starts.
fn loaded(tag: &str) -> Option<Shared> {
    let db = Shared::new(tag)?;
    let out = termly(db.borough.path(), &db.owner, &["import"]);
    assert!(out.status.success(), "{}", stderr(&out));
    Some(db)
}

/// A scores folder holding `team`'s 2026-27 autumn file with `from` changed to `to` (so
/// its hash is new and the import writes); returns the folder's name.
fn revised(dir: &Path, team: &str, from: &str, to: &str) -> String {
    let folder = dir.join(format!("{team}-revised/2026-27-autumn"));
    std::fs::create_dir_all(&folder).unwrap();
    let text = std::fs::read_to_string(dir.join(format!("scores/2026-27-autumn/{team}.csv")))
        .unwrap()
        .replacen(from, to, 1);
    std::fs::write(folder.join(format!("{team}.csv")), text).unwrap();
    format!("{team}-revised")
}

/// How many 2026-27 autumn scores `team` gave school 900001 equal to `score` (0 or 1).
fn scored(db: &Shared, team: &str, score: i64) -> i64 {
    db.count(&format!(
        "SELECT count(*) FROM scores WHERE term = '2026-27-autumn' AND team = '{team}'
         AND urn = 900001 AND score = {score}"
    ))
}

#[test]
fn with_termly_a_team_lead_is_refused_another_teams_scores_in_one_line() {
    let Some(db) = loaded("roles_termly") else {
        return;
    };
    let logged = db.count("SELECT count(*) FROM imports");
    let hr = revised(db.borough.path(), "hr", "900001,1,", "900001,4,");
    let out = db.termly_as(&db.finance_lead, &["import", "--scores", &hr]);
    assert!(!out.status.success());
    assert_eq!(
        stderr(&out),
        format!(
            "termly: the database refused role {} writing hr's scores for 2026-27 Autumn: permission denied (row-level security)\n",
            db.finance_lead
        )
    );
    assert_eq!(
        db.count("SELECT count(*) FROM imports"),
        logged,
        "nothing logged"
    );
    assert_eq!(scored(&db, "hr", 1), 1, "hr's score is as it was");

    // An edit by hand (here the owner's, in psql) leaves hr's pack stale: the finance
    // lead's import must still go through, leaving hr's pack to hr or the chair.
    db.as_owner(
        "UPDATE scores SET comment = 'by hand' WHERE term = '2026-27-autumn' AND team = 'hr' AND urn = 900002",
    );
    let finance = revised(db.borough.path(), "finance", "900001,1,", "900001,3,");
    let out = db.termly_as(&db.finance_lead, &["import", "--scores", &finance]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(scored(&db, "finance", 3), 1);
    assert_eq!(
        db.count("SELECT count(*) FROM score_packs_stale WHERE team = 'hr'"),
        1,
        "hr's pack is left for hr or the chair"
    );
    let out = db.termly_as(&db.chair, &["import", "--scores", &hr]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        scored(&db, "hr", 4),
        1,
        "the chair writes any team's scores"
    );
    assert_eq!(
        db.count("SELECT count(*) FROM score_packs_stale"),
        0,
        "the chair's import re-packs hr"
    );
}

#[test]
fn with_termly_a_team_lead_reads_indicators_into_its_own_team_only() {
    let Some(db) = loaded("roles_indicators") else {
        return;
    };
    let dir = db.borough.path();
    std::fs::write(dir.join("absence.csv"), "URN,PA\n900001,12.5\n900002,8.0\n").unwrap();
    let indicators = |team: &str| {
        db.termly_as(
            &db.finance_lead,
            &[
                "import",
                "--indicators",
                "absence.csv",
                "--team",
                team,
                "--term",
                "2026-27 autumn",
                "--column",
                "persistent_absence_pct=PA",
            ],
        )
    };
    let out = indicators("hr");
    assert_eq!(
        stderr(&out),
        format!(
            "termly: the database refused role {} writing hr's indicators for 2026-27 Autumn from absence.csv: permission denied (row-level security)\n",
            db.finance_lead
        )
    );
    let out = indicators("finance");
    assert!(out.status.success(), "{}", stderr(&out));
    let from_file = "SELECT count(*) FROM indicators WHERE origin = 'source:absence.csv'";
    assert_eq!(db.count(from_file), 2, "the finance rows only");
    assert_eq!(db.count(&format!("{from_file} AND team = 'finance'")), 2);
}

#[test]
fn with_termly_the_chair_decides_and_the_viewer_reads_but_cannot() {
    let Some(db) = loaded("roles_decide") else {
        return;
    };
    let snapshot = db.termly_as(&db.viewer, &["snapshot"]);
    assert!(
        snapshot.status.success(),
        "the viewer reads: {}",
        stderr(&snapshot)
    );
    let decide = |role: &str| {
        db.termly_as(
            role,
            &[
                "decide",
                "--urn",
                "900001",
                "--kind",
                "recategorise",
                "--to",
                "enhanced",
                "--rationale",
                "HR 4",
                "--chair",
                "C. Chair",
                "--owner",
                "Adviser",
                "--actions",
                "Visit",
                "--due",
                "2027-01-29",
            ],
        )
    };
    let by_viewer = decide(&db.viewer);
    assert!(!by_viewer.status.success());
    assert_eq!(
        stderr(&by_viewer),
        format!(
            "termly: the database refused role {} writing to the meeting: permission denied for table meetings\n",
            db.viewer
        )
    );
    assert_eq!(
        db.count("SELECT count(*) FROM meetings"),
        0,
        "no meeting opened"
    );
    let by_lead = decide(&db.finance_lead);
    assert!(!by_lead.status.success(), "a team lead does not decide");
    let by_chair = decide(&db.chair);
    assert!(by_chair.status.success(), "{}", stderr(&by_chair));
    assert_eq!(db.count("SELECT count(*) FROM decisions"), 1);
    assert_eq!(
        db.count("SELECT count(*) FROM actions"),
        1,
        "the chair's action is kept"
    );
}
