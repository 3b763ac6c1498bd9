//! Storage under strain: a full disk is said as such, with nothing partial left beside the
//! file that could not be written, and a second writer waits its turn or says in words that
//! another is writing, never SQLite's "database is locked".
//!
//! The full disk is a small tmpfs mounted for the test (root, or `sudo -n`). Where none can
//! be mounted the test says SKIPPED, except in CI (`CI` set), where it fails.

use crate::common::cli::stderr;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::cli::termly_on as termly;

fn decided(dir: &Path) -> PathBuf {
    let db = dir.join("t.db");
    crate::decisions_fixture::fill(&termly::store::Store::open(&db).unwrap());
    let out = termly(
        dir,
        &db,
        &[
            "decide",
            "--urn",
            "100001",
            "--kind",
            "confirm",
            "--rationale",
            "Steady",
            "--chair",
            "S. Okafor",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    db
}

/// A small tmpfs, unmounted when dropped.
struct SmallDisk {
    dir: tempfile::TempDir,
    sudo: bool,
}

impl SmallDisk {
    fn mount() -> Option<SmallDisk> {
        let dir = tempfile::tempdir().unwrap();
        let args = ["-t", "tmpfs", "-o", "size=1m", "tmpfs"];
        let try_mount = |sudo: bool| {
            let mut cmd = if sudo {
                let mut c = Command::new("sudo");
                c.args(["-n", "mount"]);
                c
            } else {
                Command::new("mount")
            };
            cmd.args(args)
                .arg(dir.path())
                .output()
                .is_ok_and(|o| o.status.success())
        };
        for sudo in [false, true] {
            if try_mount(sudo) {
                return Some(SmallDisk { dir, sudo });
            }
        }
        assert!(
            std::env::var_os("CI").is_none(),
            "no small file system could be mounted (mount -t tmpfs, as root or with sudo -n); in CI one must be"
        );
        eprintln!("SKIPPED: cannot mount a small tmpfs here (needs root or sudo -n)");
        None
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Use up every byte left.
    fn fill(&self) {
        use std::io::Write;
        let mut filler = std::fs::File::create(self.path().join("filler")).unwrap();
        let block = vec![0u8; 4096];
        while filler.write_all(&block).is_ok() {}
        while filler.write_all(&block[..1]).is_ok() {}
        let _ = filler.sync_all();
    }

    fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let mut cmd = if self.sudo {
            let mut c = Command::new("sudo");
            c.args(["-n", "umount"]);
            c
        } else {
            Command::new("umount")
        };
        let _ = cmd.arg(self.dir.path()).status();
    }
}

#[test]
fn a_full_disk_is_said_as_such_and_nothing_partial_is_left() {
    let Some(disk) = SmallDisk::mount() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = decided(dir.path());
    // The database itself on the small disk, written to once it is full.
    let on_disk = disk.path().join("full.db");
    std::fs::copy(&db, &on_disk).unwrap();
    disk.fill();
    let full = format!("the disk holding {} is full", disk.path().display());
    for (what, args) in [
        ("minutes", vec!["export", "--output"]),
        ("workbook", vec!["export", "--format", "xlsx", "--output"]),
        ("action log", vec!["actions", "--format", "csv", "-o"]),
        ("backup", vec!["backup"]),
    ] {
        let target = disk.path().join(format!("out-{}", what.replace(' ', "-")));
        let target = target.display().to_string();
        let mut args = args.clone();
        args.push(&target);
        let out = termly(dir.path(), &db, &args);
        let said = stderr(&out);
        assert!(!out.status.success(), "{what} on a full disk: {said}");
        assert!(said.contains(&full), "{what}: {said}");
        assert_eq!(disk.names(), ["filler", "full.db"], "{what} left: {said}");
        eprintln!("{what}: {said}left on the disk: {:?}", disk.names());
    }
    let out = termly(
        dir.path(),
        &on_disk,
        &[
            "decide",
            "--urn",
            "100002",
            "--kind",
            "confirm",
            "--rationale",
            &"A long reason. ".repeat(6_000),
            "--chair",
            "S. Okafor",
        ],
    );
    let said = stderr(&out);
    assert!(!out.status.success(), "{said}");
    assert!(said.contains("is full"), "{said}");
    assert!(!said.contains("not a termly database"), "{said}");
    eprintln!("database on a full disk: {said}left: {:?}", disk.names());
    // Nothing half-written: with room again, the database opens with its one decision.
    std::fs::remove_file(disk.path().join("filler")).unwrap();
    let conn = rusqlite::Connection::open(&on_disk).unwrap();
    let decisions: i64 = conn
        .query_row("SELECT count(*) FROM decisions", [], |r| r.get(0))
        .unwrap();
    assert_eq!(decisions, 1);
}

#[test]
fn a_second_writer_waits_then_runs_or_says_so_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let db = decided(dir.path());
    let register = dir.path().join("register.csv");
    std::fs::write(
        &register,
        "urn,name,phase,establishment_type,maintained\n100001,Amberley Primary School,primary,Community school,true\n",
    )
    .unwrap();
    let register = register.display().to_string();
    let hold = |seconds: u64| {
        let db = db.clone();
        let (ready_tx, ready) = std::sync::mpsc::channel();
        let holder = std::thread::spawn(move || {
            let conn = rusqlite::Connection::open(&db).unwrap();
            conn.execute_batch("BEGIN IMMEDIATE").unwrap();
            ready_tx.send(()).unwrap();
            std::thread::sleep(std::time::Duration::from_secs(seconds));
            conn.execute_batch("COMMIT").unwrap();
        });
        ready.recv().unwrap();
        holder
    };
    // Another writer for a second: the import waits, then runs.
    let holder = hold(1);
    let out = termly(dir.path(), &db, &["import", "--register", &register]);
    holder.join().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    // For longer than termly waits: refused in words.
    let holder = hold(8);
    let out = termly(dir.path(), &db, &["import", "--register", &register]);
    holder.join().unwrap();
    let said = stderr(&out);
    assert!(!out.status.success(), "{said}");
    assert!(
        said.contains("another import or meeting was writing to it"),
        "{said}"
    );
    assert!(!said.contains("database is locked"), "{said}");
}
