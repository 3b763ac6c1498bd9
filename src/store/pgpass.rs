//! Finding a PostgreSQL password without it ever being typed on a command line or kept in
//! termly's config: the `.pgpass` file (as libpq reads it) and a `password_command`.

use super::db::{DbError, DbResult};
use postgres::config::{Config, Host};
use std::path::PathBuf;

/// The password `.pgpass` (or `$PGPASSFILE`) holds for this connection, if any. Lines are
/// `host:port:database:user:password`, `*` matches anything, `\:` and `\\` are escapes, and a
/// Unix-socket connection matches the host `localhost`.
pub fn lookup(config: &Config) -> Option<String> {
    let path = std::env::var_os("PGPASSFILE")
        .map(PathBuf::from)
        .or_else(default_pgpass)?;
    let text = std::fs::read_to_string(path).ok()?;
    let host = match config.get_hosts().first() {
        Some(Host::Tcp(h)) => h.clone(),
        _ => "localhost".to_string(),
    };
    let port = config
        .get_ports()
        .first()
        .copied()
        .unwrap_or(5432)
        .to_string();
    let database = config
        .get_dbname()
        .or(config.get_user())
        .unwrap_or_default();
    let user = config.get_user().unwrap_or_default();
    let wanted = [host.as_str(), port.as_str(), database, user];
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .map(split_fields)
        .find(|fields| {
            fields.len() == 5
                && fields[..4]
                    .iter()
                    .zip(wanted)
                    .all(|(have, want)| have == "*" || have == want)
        })
        .map(|fields| fields[4].clone())
}

/// Where libpq looks when PGPASSFILE is not set: `~/.pgpass`, and on Windows
/// `%APPDATA%\postgresql\pgpass.conf`.
fn default_pgpass() -> Option<PathBuf> {
    if cfg!(windows) {
        std::env::var_os("APPDATA").map(|a| PathBuf::from(a).join("postgresql").join("pgpass.conf"))
    } else {
        std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".pgpass"))
    }
}

fn split_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    fields.last_mut().expect("never empty").push(next);
                }
            }
            ':' if fields.len() < 5 => fields.push(String::new()),
            c => fields.last_mut().expect("never empty").push(c),
        }
    }
    fields
}

/// Run the configured command through the system's shell and take the first line it prints.
pub fn run_password_command(command: &str) -> DbResult<String> {
    let output = shell(command)
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| DbError::Settings(format!("password_command {command:?}: {e}")))?;
    if !output.status.success() {
        return Err(DbError::Settings(format!(
            "password_command {command:?} failed ({})",
            output.status
        )));
    }
    let text = String::from_utf8_lossy(&output.stdout);
    Ok(text.lines().next().unwrap_or_default().to_string())
}

/// `sh -c COMMAND`.
#[cfg(not(windows))]
fn shell(command: &str) -> std::process::Command {
    let mut shell = std::process::Command::new("sh");
    shell.arg("-c").arg(command);
    shell
}

/// Windows has no `sh`: `cmd /C COMMAND`, the command passed as written, since cmd reads
/// its own command line rather than C-style quoted arguments.
#[cfg(windows)]
fn shell(command: &str) -> std::process::Command {
    use std::os::windows::process::CommandExt;
    let mut shell = std::process::Command::new("cmd");
    shell.arg("/C").raw_arg(command);
    shell
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn fields_split_on_unescaped_colons() {
        assert_eq!(
            split_fields(r"db.example:5432:*:alice:pa\:ss\\word"),
            vec!["db.example", "5432", "*", "alice", r"pa:ss\word"]
        );
    }

    #[test]
    fn a_password_command_gives_its_first_line() {
        let two_lines = if cfg!(windows) {
            "echo secret& echo more"
        } else {
            "printf 'secret\\nmore'"
        };
        assert_eq!(run_password_command(two_lines).unwrap(), "secret");
        assert!(run_password_command("exit 3").is_err());
    }

    #[test]
    fn pgpass_lines_match_host_port_database_and_user() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("pgpass");
        std::fs::write(
            &file,
            "# comment\nother:5432:*:alice:wrong\ndb.example:5432:termly:alice:right\n",
        )
        .unwrap();
        // PGPASSFILE is read by this process only; the tests run this lookup alone.
        std::env::set_var("PGPASSFILE", &file);
        let config = Config::from_str("postgres://alice@db.example/termly").unwrap();
        assert_eq!(lookup(&config).as_deref(), Some("right"));
        let config = Config::from_str("postgres://bob@db.example/termly").unwrap();
        assert_eq!(lookup(&config), None);
        std::env::remove_var("PGPASSFILE");
    }
}
