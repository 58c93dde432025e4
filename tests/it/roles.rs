//! PostgreSQL with two roles, as the README's "A database role for the service" sets them
//! up: the schema's owner applies the migrations, and the service runs as a role that owns
//! nothing, so it cannot switch off the audit table's triggers or empty it.

use crate::helpers::*;

/// Run by the owner after `frontdesk migrate` (the README gives the same statements).
const GRANTS: &str = "GRANT USAGE ON SCHEMA public TO {app};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {app};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {app};
REVOKE UPDATE, DELETE, TRUNCATE ON audit FROM {app};
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON _sqlx_migrations FROM {app};";

/// `admin` with another user and database.
fn url_as(admin: &str, user: &str, password: &str, db: &str) -> String {
    let rest = admin.strip_prefix("postgres://").or_else(|| admin.strip_prefix("postgresql://")).unwrap();
    let host_and_path = rest.rsplit_once('@').map_or(rest, |(_, h)| h);
    let host = host_and_path.split('/').next().unwrap();
    format!("postgres://{user}:{password}@{host}/{db}")
}

/// `admin` on another database.
fn admin_on(admin: &str, db: &str) -> String {
    let (base, rest) = admin.rsplit_once('/').unwrap();
    let query = rest.find('?').map(|q| &rest[q..]).unwrap_or("");
    format!("{base}/{db}{query}")
}

#[tokio::test]
async fn the_service_runs_as_a_role_that_cannot_alter_or_empty_the_audit_log() {
    let Some(admin) = admin_url() else {
        eprintln!("SKIPPED {}: it needs PostgreSQL and TEST_DATABASE_URL is not set", test_name());
        return;
    };
    let id = uuid::Uuid::new_v4().simple().to_string()[..12].to_owned();
    let (owner, app_role, db) = (format!("fd_owner_{id}"), format!("fd_app_{id}"), format!("fd_roles_{id}"));
    let pw = format!("pw-{id}");
    // Removed when the test ends, however it ends.
    let cleanup = PgCleanup::new(
        &admin,
        vec![
            format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"),
            format!("DROP ROLE IF EXISTS {app_role}"),
            format!("DROP ROLE IF EXISTS {owner}"),
        ],
    );
    run_sql(&admin, &format!("CREATE ROLE {owner} LOGIN PASSWORD '{pw}'")).await.unwrap();
    run_sql(&admin, &format!("CREATE ROLE {app_role} LOGIN PASSWORD '{pw}'")).await.unwrap();
    run_sql(&admin, &format!("CREATE DATABASE {db} OWNER {owner}")).await.unwrap();
    let owner_url = url_as(&admin, &owner, &pw, &db);
    let app_url = url_as(&admin, &app_role, &pw, &db);
    let schema = format!("ALTER SCHEMA public OWNER TO {owner}; REVOKE CREATE ON SCHEMA public FROM PUBLIC");
    run_sql(&admin_on(&admin, &db), &schema).await.unwrap();

    // The owner migrates and grants; the service starts as the other role.
    let store = frontdesk::store::Store::connect(&owner_url).await.unwrap();
    store.migrate().await.unwrap();
    store.close().await;
    run_sql(&owner_url, &GRANTS.replace("{app}", &app_role)).await.unwrap();
    let app = TestApp::on(TestDb::postgres_made(app_url.clone(), cleanup), test_settings()).await;
    let number = app.resident("R", Some("ja")).open_case(&app, false, "home_safe").await;
    let b = app.staff("tanaka", "staff", &["consultation"]).await;
    b.act(&format!("/staff/cases/{number}/claim"), &[]).await;
    let audited = app.store.audit_log(None, 100).await.unwrap();
    assert!(audited.iter().any(|a| a.action == "claim"), "the service writes the audit log");

    // What it cannot do, whatever its SQL: each refused by the database.
    for sql in [
        "ALTER TABLE audit DISABLE TRIGGER USER",
        "DROP TRIGGER audit_no_change ON audit",
        "TRUNCATE audit",
        "UPDATE audit SET detail = ''",
        "DELETE FROM audit",
        "DROP TABLE audit",
    ] {
        let e = run_sql(&app_url, sql).await.expect_err(sql).to_string();
        assert!(e.contains("owner") || e.contains("permission denied") || e.contains("append-only"), "{sql}: {e}");
    }
    assert_eq!(app.store.audit_log(None, 100).await.unwrap().len(), audited.len());
}
