//! Telling a PostgreSQL connection string from a file name, and keeping its password out of
//! every message and file name. Both of libpq's forms are connection strings: a URL
//! (`postgres://user@host/db?sslmode=require`) and a keyword string
//! (`host=db user=chair dbname=termly`).

/// libpq's connection keywords: a string of `keyword=value` pairs using them is a server.
const KEYWORDS: [&str; 16] = [
    "host",
    "hostaddr",
    "port",
    "dbname",
    "user",
    "password",
    "passfile",
    "sslmode",
    "sslrootcert",
    "connect_timeout",
    "application_name",
    "options",
    "target_session_attrs",
    "channel_binding",
    "service",
    "keepalives",
];

/// True for a `postgres://` or `postgresql://` URL, or a libpq keyword string such as
/// `host=db user=chair dbname=termly`; anything else is a SQLite path.
pub fn is_postgres_url(s: &str) -> bool {
    s.starts_with("postgres://") || s.starts_with("postgresql://") || is_keyword_string(s)
}

/// Every whitespace-separated word is `keyword=value` with a libpq keyword (a file name
/// with `=` in it, such as `a=b.db`, is not).
fn is_keyword_string(s: &str) -> bool {
    let mut words = pairs(s).peekable();
    words.peek().is_some() && words.all(|(key, value)| value.is_some() && KEYWORDS.contains(&key))
}

/// `keyword=value` words, the value `None` when a word has no `=`. Values in single quotes
/// may hold spaces.
fn pairs(s: &str) -> impl Iterator<Item = (&str, Option<&str>)> {
    let mut rest = s.trim_start();
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = word_end(rest);
        let word = &rest[..end];
        rest = rest[end..].trim_start();
        Some(match word.split_once('=') {
            Some((key, value)) => (key.trim(), Some(value)),
            None => (word, None),
        })
    })
}

/// Where the word at the start of `s` ends: at whitespace outside single quotes.
fn word_end(s: &str) -> usize {
    let mut quoted = false;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '\'' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => return i,
            _ => {}
        }
    }
    s.len()
}

/// The connection string with any password in it (`user:PASSWORD@`, `?password=…`,
/// `password=…`) replaced by `***`, for messages.
pub fn redact(conn: &str) -> String {
    if is_keyword_string(conn) {
        return pairs(conn)
            .map(|(key, value)| match (key, value) {
                ("password", _) => "password=***".to_string(),
                (key, Some(value)) => format!("{key}={value}"),
                (key, None) => key.to_string(),
            })
            .collect::<Vec<_>>()
            .join(" ");
    }
    let Some(scheme_end) = conn.find("://").map(|i| i + 3) else {
        return conn.to_string();
    };
    let (head, query) = match conn.find('?') {
        Some(q) => (&conn[..q], Some(&conn[q + 1..])),
        None => (conn, None),
    };
    let rest = &head[scheme_end..];
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let mut out = match rest[..authority_end].rfind('@') {
        Some(at) => match rest[..at].find(':') {
            Some(colon) => format!(
                "{}{}:***{}",
                &head[..scheme_end],
                &rest[..colon],
                &rest[at..]
            ),
            None => head.to_string(),
        },
        None => head.to_string(),
    };
    if let Some(query) = query {
        let params: Vec<String> = query
            .split('&')
            .map(|p| match p.split_once('=') {
                Some((key, _)) if key.eq_ignore_ascii_case("password") => format!("{key}=***"),
                _ => p.to_string(),
            })
            .collect();
        out.push('?');
        out.push_str(&params.join("&"));
    }
    out
}

/// The database's name in a connection string (`…/NAME?…` or `dbname=NAME`), for naming
/// its backups; never any other part of it.
pub fn database_name(conn: &str) -> String {
    if is_keyword_string(conn) {
        return pairs(conn)
            .find(|(key, _)| *key == "dbname")
            .and_then(|(_, value)| value)
            .map(|v| v.trim_matches('\'').to_string())
            .unwrap_or_else(|| "postgres".to_string());
    }
    let path = conn.split('?').next().unwrap_or_default();
    let after_scheme = path.split_once("://").map_or(path, |(_, rest)| rest);
    match after_scheme.split_once('/') {
        Some((_, name)) if !name.is_empty() => name.to_string(),
        _ => "postgres".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_forms_are_servers_and_file_names_are_not() {
        assert!(is_postgres_url("postgres://chair@db/termly"));
        assert!(is_postgres_url("postgresql://chair@db/termly"));
        assert!(is_postgres_url(
            "host=db user=chair password=s3cret dbname=termly"
        ));
        assert!(is_postgres_url("dbname=termly"));
        assert!(is_postgres_url("host=db password='two words'"));
        assert!(!is_postgres_url("termly.db"));
        assert!(!is_postgres_url("data/a=b.db"));
        assert!(!is_postgres_url("colour=red"));
        assert!(!is_postgres_url(""));
    }

    #[test]
    fn a_password_never_reaches_a_message() {
        assert_eq!(
            redact("postgres://chair:secret@db.example/termly"),
            "postgres://chair:***@db.example/termly"
        );
        assert_eq!(redact("postgres://chair@db/t"), "postgres://chair@db/t");
        assert_eq!(redact("postgres://db/t"), "postgres://db/t");
        assert_eq!(
            redact("postgres://chair@db/t?sslmode=require&password=secret"),
            "postgres://chair@db/t?sslmode=require&password=***"
        );
        assert_eq!(
            redact("host=db user=chair password=secret dbname=termly"),
            "host=db user=chair password=*** dbname=termly"
        );
        assert_eq!(
            redact("host=db password='very secret' dbname=t"),
            "host=db password=*** dbname=t"
        );
    }

    #[test]
    fn only_the_database_name_names_a_backup() {
        assert_eq!(
            database_name("postgres://chair@db.example/wrenfield"),
            "wrenfield"
        );
        assert_eq!(
            database_name("postgres://u@%2Ftmp%2Fpg/termly_test?sslmode=disable"),
            "termly_test"
        );
        assert_eq!(
            database_name("host=db password=secret dbname=wrenfield"),
            "wrenfield"
        );
        assert_eq!(database_name("host=db password=secret"), "postgres");
    }
}
