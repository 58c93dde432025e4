//! PostgreSQL connection strings: checked at start (what sqlx will make of `sslmode` and
//! `sslrootcert`), so a typo stops startup with a line naming `DATABASE_URL`, not a TLS
//! error at the first connection.

use std::str::FromStr as _;

use sqlx::postgres::{PgConnectOptions, PgSslMode};

use super::{env_err, ConfigError};

const EXAMPLE: &str = "postgres://USER:PASSWORD@HOST:5432/DB?sslmode=verify-full&sslrootcert=/etc/frontdesk/db-ca.pem";

/// Parses the URL as the store will (sqlx's own parser) and checks that a CA file named by
/// `sslrootcert` can be read. The URL itself is never repeated: it may hold a password.
pub(super) fn check_url(url: &str) -> Result<(), ConfigError> {
    PgConnectOptions::from_str(url)
        .map_err(|e| env_err("DATABASE_URL", format!("not a PostgreSQL URL like {EXAMPLE} ({})", redacted(&e))))?;
    if let Some(ca) = root_cert(url) {
        // sqlx also accepts the PEM text itself in place of a path.
        if !ca.contains("-----BEGIN") {
            std::fs::read(&ca).map_err(|e| env_err("DATABASE_URL", format!("sslrootcert {ca}: {e}")))?;
        }
    }
    Ok(())
}

/// sqlx's configuration errors name the option and its value; only a URL syntax error could
/// echo more, and that is not repeated.
fn redacted(e: &sqlx::Error) -> String {
    match e {
        sqlx::Error::Configuration(inner) if inner.to_string().contains("ssl") => inner.to_string(),
        _ => "the URL could not be read".to_owned(),
    }
}

/// The `sslrootcert` (or its aliases) of the URL's query, decoded.
fn root_cert(url: &str) -> Option<String> {
    let parsed = reqwest::Url::parse(url).ok()?;
    let found = parsed
        .query_pairs()
        .find(|(k, _)| matches!(k.as_ref(), "sslrootcert" | "ssl-root-cert" | "ssl-ca"))
        .map(|(_, v)| v.into_owned());
    found
}

/// True when the database is on another machine and its certificate is not verified
/// (`sslmode` below `verify-ca`): the connection could be read or redirected on the way.
pub fn unverified_remote(url: &str) -> bool {
    if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
        return false;
    }
    let Ok(opts) = PgConnectOptions::from_str(url) else { return false };
    let local = opts.get_socket().is_some()
        || opts.get_host() == "localhost"
        || opts.get_host().parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback());
    !local && !matches!(opts.get_ssl_mode(), PgSslMode::VerifyFull | PgSslMode::VerifyCa)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(url: &str) -> PgConnectOptions {
        PgConnectOptions::from_str(url).unwrap()
    }

    #[test]
    fn verify_full_with_a_ca_file_is_read_from_the_url() {
        let ca = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/it/tls/ca.pem");
        let url =
            format!("postgres://frontdesk:pw@db.city.example:5432/frontdesk?sslmode=verify-full&sslrootcert={ca}");
        check_url(&url).unwrap();
        let o = opts(&url);
        assert!(matches!(o.get_ssl_mode(), PgSslMode::VerifyFull));
        assert_eq!((o.get_host(), o.get_port(), o.get_database()), ("db.city.example", 5432, Some("frontdesk")));
        assert_eq!(root_cert(&url).as_deref(), Some(ca));
        assert!(!unverified_remote(&url));
        let require = "postgres://u@db.city.example/frontdesk?sslmode=require";
        assert!(matches!(opts(require).get_ssl_mode(), PgSslMode::Require));
        assert!(unverified_remote(require), "require encrypts but does not check whom it talks to");
        assert!(!unverified_remote("postgres://postgres@127.0.0.1:5432/test"));
        assert!(!unverified_remote("sqlite://frontdesk-local.db"));
    }

    #[test]
    fn a_bad_sslmode_or_a_missing_ca_file_names_database_url_without_the_password() {
        let e = check_url("postgres://u:secret-pw@db.example/fd?sslmode=verify-fully").unwrap_err().to_string();
        assert!(e.starts_with("DATABASE_URL:") && e.contains("verify-fully"), "{e}");
        assert!(!e.contains("secret-pw"), "{e}");
        let e = check_url("postgres://u:secret-pw@db.example/fd?sslmode=verify-full&sslrootcert=/nonexistent/ca.pem")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("DATABASE_URL: sslrootcert /nonexistent/ca.pem:"), "{e}");
        assert!(!e.contains("secret-pw"), "{e}");
        let e = check_url("postgres://u:secret-pw@db.example:port/fd").unwrap_err().to_string();
        assert!(e.starts_with("DATABASE_URL:") && !e.contains("secret-pw"), "{e}");
    }
}
