//! The PostgreSQL connection: where it goes, how it proves who it is (never a password on the
//! command line or in the config), TLS for anything not on this machine, prepared statements
//! kept per connection, reconnection after the server comes back, and `LISTEN` for other
//! termlys' commits.

use super::error::{DbError, DbResult};
use super::placeholders::to_postgres;
use super::value::Value;
use crate::location::conninfo::redact;
use postgres::config::Host;
use postgres::fallible_iterator::FallibleIterator;
use postgres::{Client, Config, NoTls, Statement};
use std::collections::HashMap;
use std::str::FromStr;
use std::time::Duration;

/// The channel the schema's triggers notify on every committed change.
pub const CHANGES_CHANNEL: &str = "termly_changes";

/// How long a look for notifications waits when none has arrived.
const NOTIFICATION_WAIT: Duration = Duration::from_millis(1);

/// Where to connect, as parsed from a `postgres://` URL, with the password found.
#[derive(Clone)]
pub struct PgTarget {
    config: Config,
    /// The URL as given (it never holds a password), for messages.
    pub url: String,
}

impl std::fmt::Debug for PgTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.url)
    }
}

impl PgTarget {
    /// Parse a URL. A password in it is refused; one is looked for in `PGPASSWORD`, then the
    /// `.pgpass` file, then by running `password_command` (from the config), in that order.
    pub fn parse(url: &str, password_command: Option<&str>) -> DbResult<PgTarget> {
        let mut config = Config::from_str(url)
            .map_err(|e| DbError::Settings(format!("database URL {}: {e}", redact(url))))?;
        if config.get_password().is_some() {
            return Err(DbError::Settings(
                "the database connection string holds a password (not shown here): termly never takes one on the command line or in the config; use PGPASSWORD, ~/.pgpass, or [data] password_command".into(),
            ));
        }
        if config.get_user().is_none() {
            let user = std::env::var("PGUSER")
                .or_else(|_| std::env::var("USER"))
                .map_err(|_| {
                    DbError::Settings(format!(
                        "database {}: name the user, as postgres://USER@host/db",
                        redact(url)
                    ))
                })?;
            config.user(&user);
        }
        if let Some(password) = find_password(&config, password_command)? {
            config.password(password);
        }
        config.connect_timeout(Duration::from_secs(5));
        config.application_name("termly");
        Ok(PgTarget {
            config,
            url: redact(url),
        })
    }

    /// A Unix socket or this machine's loopback: no TLS needed. Anything else uses TLS.
    fn is_local(&self) -> bool {
        self.config.get_hosts().iter().all(|h| match h {
            // postgres has Unix-socket hosts only on Unix.
            #[cfg(unix)]
            Host::Unix(_) => true,
            Host::Tcp(name) => matches!(name.as_str(), "localhost" | "127.0.0.1" | "::1"),
        })
    }

    fn connect(&self) -> DbResult<Client> {
        if self.is_local() || self.config.get_ssl_mode() == postgres::config::SslMode::Disable {
            return self.config.connect(NoTls).map_err(sorted);
        }
        let mut config = self.config.clone();
        config.ssl_mode(postgres::config::SslMode::Require);
        config.connect(tls_connector()?).map_err(sorted)
    }
}

/// A server error, as [`DbError::Unreachable`] when the server is gone, starting up or
/// shutting down (the same call may work later), unlike a wrong password or statement.
fn sorted(e: postgres::Error) -> DbError {
    let error = DbError::Postgres(e);
    if error.is_unreachable() {
        DbError::Unreachable(error.to_string())
    } else {
        error
    }
}

fn tls_connector() -> DbResult<tokio_postgres_rustls::MakeRustlsConnect> {
    let roots = rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| DbError::Settings(format!("TLS: {e}")))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(tokio_postgres_rustls::MakeRustlsConnect::new(tls))
}

fn find_password(config: &Config, command: Option<&str>) -> DbResult<Option<Vec<u8>>> {
    if let Ok(p) = std::env::var("PGPASSWORD") {
        return Ok(Some(p.into_bytes()));
    }
    if let Some(p) = super::super::pgpass::lookup(config) {
        return Ok(Some(p.into_bytes()));
    }
    match command {
        Some(cmd) => super::super::pgpass::run_password_command(cmd).map(|p| Some(p.into_bytes())),
        None => Ok(None),
    }
}

/// Where the connection stands with a transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TxState {
    None,
    Open,
    /// The connection went while a transaction was open. Until the caller ends it, nothing
    /// may run on a new connection: it would run outside the transaction, and a COMMIT
    /// there would acknowledge a write the server threw away.
    Lost,
}

/// One session with the server.
pub struct PgConnection {
    target: PgTarget,
    client: Option<Client>,
    statements: HashMap<String, Statement>,
    tx: TxState,
    /// This session's server process, to tell our own notifications from others'.
    pid: i32,
    /// Counts other sessions' commits (and reconnections, after which anything may have
    /// changed): the screen reloads when it moves.
    changes: i64,
}

impl PgConnection {
    pub fn open(target: PgTarget) -> DbResult<PgConnection> {
        let mut conn = PgConnection {
            target,
            client: None,
            statements: HashMap::new(),
            tx: TxState::None,
            pid: 0,
            changes: 0,
        };
        conn.client()?;
        Ok(conn)
    }

    /// The live client, reconnecting first if the last one was lost (but never inside a
    /// transaction that lost it).
    fn client(&mut self) -> DbResult<&mut Client> {
        if self.client.as_ref().is_none_or(Client::is_closed) {
            self.lost();
            if self.tx == TxState::Lost {
                return Err(DbError::Unreachable(
                    "the connection was lost during a transaction; nothing in it was saved".into(),
                ));
            }
            let mut client = self.target.connect()?;
            client
                .batch_execute(&format!("LISTEN {CHANGES_CHANNEL}"))
                .map_err(sorted)?;
            self.pid = client
                .query_one("SELECT pg_backend_pid()", &[])
                .map_err(sorted)?
                .get(0);
            self.changes += 1;
            self.client = Some(client);
        }
        Ok(self.client.as_mut().expect("connected above"))
    }

    /// Forget a lost connection and what was prepared on it, so the next call reconnects.
    fn lost(&mut self) {
        self.client = None;
        self.statements.clear();
        if self.tx == TxState::Open {
            self.tx = TxState::Lost;
        }
    }

    /// Note a lost connection so the next call reconnects, and say so in the error.
    fn check<T>(&mut self, result: Result<T, postgres::Error>) -> DbResult<T> {
        result.map_err(|e| {
            let error = sorted(e);
            if matches!(error, DbError::Unreachable(_)) {
                self.lost();
            }
            error
        })
    }

    fn statement(&mut self, sql: &str) -> DbResult<Statement> {
        // Reconnect first if the connection was lost: that forgets the statements prepared
        // on the old one, which the new session does not have.
        self.client()?;
        if let Some(s) = self.statements.get(sql) {
            return Ok(s.clone());
        }
        let translated = to_postgres(sql);
        let prepared = self.client()?.prepare(&translated);
        let statement = self.check(prepared)?;
        self.statements.insert(sql.to_string(), statement.clone());
        Ok(statement)
    }

    pub fn execute(&mut self, sql: &str, args: &[Value]) -> DbResult<usize> {
        let statement = self.statement(sql)?;
        let params: Vec<&(dyn postgres::types::ToSql + Sync)> =
            args.iter().map(|a| a as _).collect();
        let result = self.client()?.execute(&statement, &params);
        Ok(self.check(result)? as usize)
    }

    pub fn query(&mut self, sql: &str, args: &[Value]) -> DbResult<Vec<postgres::Row>> {
        let statement = self.statement(sql)?;
        let params: Vec<&(dyn postgres::types::ToSql + Sync)> =
            args.iter().map(|a| a as _).collect();
        let result = self.client()?.query(&statement, &params);
        self.check(result)
    }

    pub fn batch(&mut self, sql: &str) -> DbResult<()> {
        let result = self.client()?.batch_execute(sql);
        self.check(result)
    }

    /// Start a transaction with `sql` (a BEGIN and anything that must run first in it).
    pub fn begin(&mut self, sql: &str) -> DbResult<()> {
        match self.batch(sql) {
            Ok(()) => {
                self.tx = TxState::Open;
                Ok(())
            }
            Err(e) => {
                // A BEGIN that ran before a later statement failed leaves the session in an
                // aborted transaction: end it so the next statement is not refused.
                if self.client.is_some() {
                    let _ = self.batch("ROLLBACK");
                }
                Err(e)
            }
        }
    }

    /// Commit the open transaction. A connection lost inside it means nothing was saved.
    pub fn commit(&mut self) -> DbResult<()> {
        let state = std::mem::replace(&mut self.tx, TxState::None);
        if state == TxState::Lost {
            return Err(DbError::Unreachable(
                "the connection was lost during the transaction; nothing in it was saved".into(),
            ));
        }
        self.batch("COMMIT")
    }

    /// Roll the open transaction back (the server already has, if the connection went).
    pub fn rollback(&mut self) -> DbResult<()> {
        let state = std::mem::replace(&mut self.tx, TxState::None);
        if state == TxState::Lost || self.client.is_none() {
            return Ok(());
        }
        self.batch("ROLLBACK")
    }

    /// Other sessions' commits seen so far (without waiting): a number that moves when
    /// anything changed, like SQLite's `data_version`.
    pub fn change_counter(&mut self) -> DbResult<i64> {
        let pid = self.pid;
        let client = self.client()?;
        let mut foreign = 0;
        // Reads what the server has already sent; sends nothing, so an idle screen costs
        // the server nothing. Not `iter()`: it never lets the client's event loop look at
        // the socket, so on an idle connection nothing sent since the last statement (a
        // notification, the server's goodbye) would ever be read. A millisecond's wait
        // lets it look once.
        let drained = {
            let mut notifications = client.notifications();
            let mut iter = notifications.timeout_iter(NOTIFICATION_WAIT);
            loop {
                match iter.next() {
                    Ok(Some(n)) => foreign += i64::from(n.process_id() != pid),
                    Ok(None) => break Ok(()),
                    Err(e) => break Err(e),
                }
            }
        };
        let closed = client.is_closed();
        self.check(drained)?;
        if closed {
            self.lost();
            return Err(DbError::Unreachable("the connection was closed".into()));
        }
        self.changes += foreign;
        Ok(self.changes)
    }
}

impl PgConnection {
    /// Run the migrations with the client, holding a server-wide lock so two termlys
    /// starting together do not both migrate.
    pub fn migrate(&mut self, run: impl FnOnce(&mut Client) -> Result<(), String>) -> DbResult<()> {
        let client = self.client()?;
        client.batch_execute("SELECT pg_advisory_lock(7275786381)")?;
        let result = run(client);
        client.batch_execute("SELECT pg_advisory_unlock(7275786381)")?;
        self.statements.clear();
        result.map_err(DbError::Settings)
    }
}
