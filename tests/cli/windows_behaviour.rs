//! What could differ on Windows, through the real binary (CI runs these on Linux and, cross-
//! compiled, under Wine): CRLF files read as LF ones; termly writes LF on both; the settings
//! beside the program when it is started elsewhere (a Windows shortcut); drive letters and
//! backslashes in the config and on the command line (Windows only).

use crate::common::cli::{stderr, stdout, termly_in};
use crate::common::files::{copy_dir, data_dir};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn ok(out: Output) -> String {
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    stdout(&out)
}

/// Every line ending in the text files under `dir` turned into CRLF, as a Windows editor or
/// Excel's "CSV" saves them.
fn to_crlf(dir: &Path) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            to_crlf(&path);
        } else if path.extension().is_some_and(|e| e == "csv" || e == "toml") {
            let text = std::fs::read_to_string(&path).unwrap();
            std::fs::write(&path, text.replace('\n', "\r\n")).unwrap();
        }
    }
}

#[test]
fn crlf_config_and_inputs_give_the_same_heat_map_and_minutes_check() {
    let (lf, crlf) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    copy_dir(&data_dir().join("good"), lf.path());
    copy_dir(&data_dir().join("good"), crlf.path());
    to_crlf(crlf.path());
    assert!(std::fs::read_to_string(crlf.path().join("termly.toml"))
        .unwrap()
        .contains("\r\n"));
    for dir in [&lf, &crlf] {
        ok(termly_in(dir.path()).arg("import").output().unwrap());
    }
    let snapshot = |dir: &Path| ok(termly_in(dir).arg("snapshot").output().unwrap());
    assert_eq!(snapshot(lf.path()), snapshot(crlf.path()));

    // Minutes saved again by a Windows editor still match the database.
    let d = lf.path();
    ok(termly_in(d)
        .args(["decide", "--urn", "900001", "--kind", "confirm"])
        .args(["--chair", "A. Chair", "--rationale", "steady"])
        .output()
        .unwrap());
    ok(termly_in(d)
        .args([
            "export",
            "--meeting",
            "latest",
            "--format",
            "toml",
            "-o",
            "m.toml",
        ])
        .output()
        .unwrap());
    let text = std::fs::read_to_string(d.join("m.toml")).unwrap();
    assert!(!text.contains('\r'), "termly writes LF on every platform");
    std::fs::write(d.join("m.toml"), text.replace('\n', "\r\n")).unwrap();
    let checked = ok(termly_in(d)
        .args(["check-minutes", "m.toml"])
        .output()
        .unwrap());
    assert_eq!(checked, "m.toml: matches the database\n");
}

/// `dir/termly` (or `termly.exe`): the binary linked (or copied) there.
fn program_in(dir: &Path) -> PathBuf {
    let built = Path::new(env!("CARGO_BIN_EXE_termly"));
    let program = dir.join(built.file_name().unwrap());
    if std::fs::hard_link(built, &program).is_err() {
        std::fs::copy(built, &program).unwrap();
    }
    program
}

#[test]
fn started_outside_its_folder_termly_uses_the_settings_beside_it() {
    // The zip's layout: termly(.exe), config/termly.toml and the bundled borough beside it.
    let root = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let (app, elsewhere) = (root.path().join("app"), root.path().join("elsewhere"));
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&repo.join("config"), &app.join("config"));
    copy_dir(&repo.join("fixtures"), &app.join("fixtures"));
    std::fs::create_dir_all(&elsewhere).unwrap();
    let program = program_in(&app);

    // A shortcut whose "Start in" is some other folder (C:\Windows\System32 when empty).
    let from_shortcut = ok(Command::new(&program)
        .current_dir(&elsewhere)
        .arg("snapshot")
        .output()
        .unwrap());
    assert!(
        app.join("termly.db").is_file(),
        "the database beside termly"
    );
    assert_eq!(
        std::fs::read_dir(&elsewhere).unwrap().count(),
        0,
        "nothing written where it was started"
    );
    // The same heat map as started in its own folder.
    let in_its_folder = ok(Command::new(&program)
        .current_dir(&app)
        .arg("snapshot")
        .output()
        .unwrap());
    assert_eq!(from_shortcut, in_its_folder);
    assert!(from_shortcut.starts_with("termly heat map · 2026-27 Autumn · 70 schools"));
}

/// Drive letters, backslashes and forward slashes, absolute and relative, in the config and
/// on the command line. On Linux a backslash is part of a file name, so this is Windows' own.
#[cfg(windows)]
#[test]
fn drive_letter_and_backslash_paths_work_in_the_config_and_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = std::path::absolute(dir.path()).unwrap();
    let text = d.to_string_lossy().into_owned();
    assert!(text.as_bytes()[1] == b':' && text.contains('\\'), "{text}");
    copy_dir(&data_dir().join("good"), &d.join("borough"));
    std::fs::create_dir_all(d.join("data")).unwrap();
    // Single quotes keep backslashes as written (TOML's literal strings).
    let forward = text.replace('\\', "/");
    std::fs::write(
        d.join("settings.toml"),
        format!(
            "[data]\n\
             register = '{text}\\borough\\register.csv'\n\
             support = \"{forward}/borough/support.csv\"\n\
             inspections = 'borough\\inspections.csv'\n\
             scores = '.\\borough\\scores'\n\
             database = 'data\\termly.db'\n\
             minutes = 'data\\minutes'\n"
        ),
    )
    .unwrap();
    let config = format!("{text}\\settings.toml");
    let run = |cwd: &Path, args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_termly"))
            .current_dir(cwd)
            .args(args)
            .output()
            .unwrap()
    };
    // Started from another folder: the config's relative paths are its own folder's.
    let elsewhere = tempfile::tempdir().unwrap();
    let imported = ok(run(elsewhere.path(), &["--config", &config, "import"]));
    assert!(
        imported.contains(&format!("{text}\\borough\\register.csv")),
        "{imported}"
    );
    assert!(d.join("data").join("termly.db").is_file());
    let heat = ok(run(elsewhere.path(), &["--config", &config, "snapshot"]));

    // On the command line: a relative backslash path, and a drive-letter one with forward
    // slashes, both for the same database.
    std::fs::create_dir_all(d.join("other")).unwrap();
    let by_relative = ok(run(
        &d,
        &[
            "--config",
            "settings.toml",
            "--database",
            "other\\t.db",
            "snapshot",
        ],
    ));
    assert!(d.join("other").join("t.db").is_file());
    let db = format!("{forward}/other/t.db");
    let by_absolute = ok(run(
        elsewhere.path(),
        &["--config", &config, "--database", &db, "snapshot"],
    ));
    assert_eq!(by_relative, heat);
    assert_eq!(by_absolute, heat);

    // The path written the Linux way, in double quotes, is refused with how to write it.
    std::fs::write(
        d.join("quoted.toml"),
        format!("[data]\nregister = \"{text}\\borough\\register.csv\"\n"),
    )
    .unwrap();
    let refused = run(&d, &["--config", "quoted.toml", "check"]);
    assert!(!refused.status.success());
    let message = stderr(&refused);
    assert!(message.contains("quoted.toml:2:"), "{message}");
    assert!(
        message.contains("write a Windows path in single quotes"),
        "{message}"
    );
}

/// Windows has no write bit: its read-only attribute (the file's Properties) is what
/// `set_readonly` sets there, and it opens the database view-only as the mode does on Linux.
#[test]
fn a_read_only_database_file_opens_view_only() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy_dir(&data_dir().join("good"), d);
    ok(termly_in(d).arg("import").output().unwrap());
    let db = d.join("termly.db");
    let mut permissions = std::fs::metadata(&db).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&db, permissions.clone()).unwrap();

    let heat = ok(termly_in(d).arg("snapshot").output().unwrap());
    assert!(heat.starts_with("termly heat map"), "{heat}");
    let refused = termly_in(d)
        .args(["decide", "--urn", "900001", "--kind", "confirm"])
        .args(["--chair", "A. Chair", "--rationale", "steady"])
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("read-only"),
        "{}",
        stderr(&refused)
    );

    // Writable again, so the folder can be removed (Windows will not delete a read-only file).
    #[allow(clippy::permissions_set_readonly_false)]
    permissions.set_readonly(false);
    std::fs::set_permissions(&db, permissions).unwrap();
}
