//! Which settings are paths, and where each resolves from. The built-in defaults resolve
//! from where the defaults live; a path a user's file sets resolves from that file's folder.
//! A user's file never falls back to the bundled borough: the inputs it does not set are
//! not configured, and its database, minutes and backups live beside it unless it says.

use std::collections::BTreeSet;
use std::path::Path;

/// Path settings under a table (`data.register`…), and in each `[[sources]]` entry.
const TABLE_PATHS: &[(&str, &[&str])] = &[
    (
        "data",
        &[
            "register",
            "support",
            "inspections",
            "scores",
            "database",
            "minutes",
        ],
    ),
    ("backup", &["folder"]),
];
const SOURCE_FILE: &str = "file";

/// The inputs a user's file must name itself: the built-in defaults point at the bundled
/// fictional borough, which is never a real authority's data.
const INPUTS: &[&str] = &["register", "support", "inspections", "scores"];

/// Where a user's file keeps what termly writes when it does not say: beside itself.
const OWN_OUTPUTS: &[(&str, &str, &str)] = &[
    ("data", "database", "termly.db"),
    ("data", "minutes", "minutes"),
    ("backup", "folder", "backups"),
];

/// Take the bundled borough's inputs out of the `defaults`, and give the outputs the user's
/// file leaves unset their names beside that file (made absolute from `base` when given).
pub(super) fn own_layout(defaults: &mut toml::Table, user: &mut toml::Table, base: Option<&Path>) {
    if let Some(toml::Value::Table(data)) = defaults.get_mut("data") {
        for key in INPUTS {
            data.remove(*key);
        }
    }
    for (section, key, name) in OWN_OUTPUTS {
        let inner = user
            .entry(section.to_string())
            .or_insert_with(|| toml::Value::Table(toml::Table::new()));
        let Some(inner) = inner.as_table_mut() else {
            continue; // not a table: the type error is reported when the whole is read
        };
        if !inner.contains_key(*key) {
            let mut value = toml::Value::String(name.to_string());
            anchor(Some(&mut value), base);
            inner.insert(key.to_string(), value);
        }
    }
}

/// Name the paths a user's file sets (`data.register`, `backup.folder`, `sources.file`),
/// and with a `base` (that file's folder) make each relative one absolute from it.
pub(super) fn anchor_user_paths(table: &mut toml::Table, base: Option<&Path>) -> BTreeSet<String> {
    let mut set = BTreeSet::new();
    for (section, keys) in TABLE_PATHS {
        let Some(toml::Value::Table(inner)) = table.get_mut(*section) else {
            continue;
        };
        for key in *keys {
            if anchor(inner.get_mut(*key), base) {
                set.insert(format!("{section}.{key}"));
            }
        }
    }
    if let Some(toml::Value::Array(sources)) = table.get_mut("sources") {
        for source in sources.iter_mut() {
            if let toml::Value::Table(inner) = source {
                if anchor(inner.get_mut(SOURCE_FILE), base) {
                    set.insert(format!("sources.{SOURCE_FILE}"));
                }
            }
        }
    }
    set
}

/// Rewrite one string value as an absolute path from `base`; true when a path was set.
fn anchor(value: Option<&mut toml::Value>, base: Option<&Path>) -> bool {
    let Some(toml::Value::String(text)) = value else {
        return false;
    };
    if crate::location::conninfo::is_postgres_url(text) {
        return true; // a server's URL, not a path
    }
    let path = Path::new(text.as_str());
    if let Some(base) = base.filter(|_| path.is_relative()) {
        let joined = std::path::absolute(base.join(path)).unwrap_or_else(|_| base.join(path));
        *text = super::tidy_path(&joined).to_string_lossy().into_owned();
    }
    true
}

#[cfg(test)]
mod tests {
    use super::super::Config;
    use std::path::Path;

    #[test]
    fn a_user_file_never_falls_back_to_the_bundled_borough() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("mine.toml");
        std::fs::write(&file, "[backup]\nfolder = \"safe\"\nkeep = 3\n").unwrap();
        let config = Config::load(Some(&file)).unwrap();
        assert_eq!(config.data.register, None);
        assert_eq!(config.data.scores, None);
        assert_eq!(
            config.data.not_configured(),
            ["register", "support", "inspections", "scores"]
        );
        let beside = std::path::absolute(dir.path()).unwrap();
        assert_eq!(config.database_path(), beside.join("termly.db"));
        assert_eq!(config.resolve(&config.data.minutes), beside.join("minutes"));
        assert_eq!(
            config.resolve(&config.backup.folder),
            std::path::absolute(dir.path().join("safe")).unwrap()
        );
        assert!(config.user_sets("backup.folder"));
        assert!(!config.user_sets("data.register"));
    }

    #[test]
    fn paths_a_user_file_sets_resolve_from_that_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("mine.toml");
        // Absolute as the platform knows it (on Windows `/abs/m` lacks a drive).
        let abs = if cfg!(windows) { r"C:\abs\m" } else { "/abs/m" };
        std::fs::write(
            &file,
            format!("[data]\nregister = \"r.csv\"\nminutes = '{abs}'\n"),
        )
        .unwrap();
        let config = Config::load(Some(&file)).unwrap();
        assert_eq!(
            config.resolve(config.data.register.as_ref().unwrap()),
            std::path::absolute(dir.path().join("r.csv")).unwrap()
        );
        assert_eq!(
            config.data.not_configured(),
            ["support", "inspections", "scores"]
        );
        assert_eq!(config.resolve(&config.data.minutes), Path::new(abs));
        assert!(config.user_sets("data.minutes"));
    }
}
