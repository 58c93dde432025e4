//! Fresh databases for tests: a SQLite file in a temporary folder, or a new database on the
//! PostgreSQL server named by `TEST_DATABASE_URL`, removed when the test ends however it
//! ends (a panicking test included).

use std::{future::Future, sync::mpsc, time::Duration};

use sqlx::{Connection, Executor, PgConnection};

/// A fresh, empty database for one test; a PostgreSQL one is dropped with its `TestDb`.
pub struct TestDb {
    url: String,
    backend: &'static str,
    _dir: Option<tempfile::TempDir>,
    _cleanup: Option<PgCleanup>,
}

impl TestDb {
    pub fn sqlite() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let url = format!("sqlite://{}", dir.path().join("frontdesk.db").display());
        TestDb { url, backend: "sqlite", _dir: Some(dir), _cleanup: None }
    }

    /// A new database on the server named by `TEST_DATABASE_URL`, or `None` if unset.
    pub async fn postgres() -> Option<Self> {
        let admin = admin_url()?;
        let name = format!("fd_test_{}", uuid::Uuid::new_v4().simple());
        run_sql(&admin, &format!("CREATE DATABASE {name}"))
            .await
            .unwrap_or_else(|e| panic!("TEST_DATABASE_URL is set, but no test database can be made there: {e}"));
        let url = database_url(&admin, &name);
        let cleanup = PgCleanup::new(&admin, vec![format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")]);
        Some(TestDb { url, backend: "postgres", _dir: None, _cleanup: Some(cleanup) })
    }

    /// A new PostgreSQL database, or `None` after saying that this test skips.
    pub async fn postgres_or_skip() -> Option<Self> {
        let db = TestDb::postgres().await;
        if db.is_none() {
            eprintln!("SKIPPED {}: it needs PostgreSQL and TEST_DATABASE_URL is not set", test_name());
        }
        db
    }

    /// A PostgreSQL database the test made itself at `url`, removed by `cleanup`.
    pub fn postgres_made(url: String, cleanup: PgCleanup) -> Self {
        TestDb { url, backend: "postgres", _dir: None, _cleanup: Some(cleanup) }
    }

    /// Methods, not fields: a closure that used `db.url` would capture only that field
    /// and drop the temporary directory under the running test.
    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn backend(&self) -> &'static str {
        self.backend
    }
}

/// The server URL of `TEST_DATABASE_URL`, if set.
pub fn admin_url() -> Option<String> {
    std::env::var("TEST_DATABASE_URL").ok().filter(|s| !s.is_empty())
}

/// The name of the running test (libtest names each test's thread after it).
pub fn test_name() -> String {
    std::thread::current().name().unwrap_or("this test").to_owned()
}

/// `admin` pointing at database `name`, its query string kept.
fn database_url(admin: &str, name: &str) -> String {
    match admin.rfind('/') {
        Some(i) if admin[..i].contains('@') || admin[..i].matches('/').count() >= 2 => {
            let (base, rest) = admin.split_at(i);
            let query = rest.find('?').map(|q| &rest[q..]).unwrap_or("");
            format!("{base}/{name}{query}")
        }
        _ => panic!("TEST_DATABASE_URL must look like postgres://host:port/db"),
    }
}

/// Runs one statement (or several, `;`-separated) on a connection of its own.
pub async fn run_sql(url: &str, sql: &str) -> Result<(), sqlx::Error> {
    let mut conn = PgConnection::connect(url).await?;
    let done = conn.execute(sql).await.map(|_| ());
    conn.close().await.ok();
    done
}

/// Statements run on the PostgreSQL server when dropped (`DROP DATABASE … WITH (FORCE)`,
/// `DROP ROLE …`), on a thread and runtime of their own: `Drop` cannot wait on the test's
/// runtime, which may be unwinding from a panic.
pub struct PgCleanup {
    admin: String,
    statements: Vec<String>,
}

impl PgCleanup {
    pub fn new(admin: &str, statements: Vec<String>) -> Self {
        PgCleanup { admin: admin.to_owned(), statements }
    }
}

impl Drop for PgCleanup {
    fn drop(&mut self) {
        let (admin, statements) = (std::mem::take(&mut self.admin), std::mem::take(&mut self.statements));
        let (done_tx, done_rx) = mpsc::channel();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            let result = runtime.block_on(async {
                for sql in &statements {
                    run_sql(&admin, sql).await.map_err(|e| format!("{sql}: {e}"))?;
                }
                Ok::<_, String>(())
            });
            let _ = done_tx.send(result);
        });
        let failed = match done_rx.recv_timeout(Duration::from_secs(30)) {
            Ok(Ok(())) => return,
            Ok(Err(e)) => e,
            Err(_) => "no answer from PostgreSQL within 30 s".to_owned(),
        };
        // A second panic while unwinding would abort the whole test binary.
        if std::thread::panicking() {
            eprintln!("cleaning up the test's PostgreSQL objects failed: {failed}");
        } else {
            panic!("cleaning up the test's PostgreSQL objects failed: {failed}");
        }
    }
}

/// Runs `test` once on SQLite and once on PostgreSQL (when `TEST_DATABASE_URL` is set,
/// saying clearly when it is not).
pub async fn each_backend<F, Fut>(test: F)
where
    F: Fn(TestDb) -> Fut,
    Fut: Future<Output = ()>,
{
    test(TestDb::sqlite()).await;
    match TestDb::postgres().await {
        Some(db) => test(db).await,
        None => {
            eprintln!("SKIPPED the PostgreSQL half of {}: TEST_DATABASE_URL is not set", test_name())
        }
    }
}
