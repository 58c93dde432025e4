//! The SQLite and PostgreSQL migration folders stay in step: the same versions, and after
//! them the same tables with the same columns (name, kind of type, whether NULL is allowed).
//! The SQL files are compared always; with `TEST_DATABASE_URL` set, the schemas the two
//! databases report after migrating are compared too.

use std::{
    collections::BTreeMap,
    path::{Path, PathBuf},
};

use sqlx::{Connection, PgConnection, SqliteConnection};

use super::{Store, StoreError};

/// Table → column → (kind of type, not null).
type Schema = BTreeMap<String, BTreeMap<String, (&'static str, bool)>>;

fn folder(db: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations").join(db)
}

fn migration_files(db: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder(db))
        .expect("migrations folder")
        .map(|e| e.expect("directory entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".sql"))
        .collect();
    names.sort();
    names
}

/// The types the migrations use, by kind: SQLite's INTEGER and PostgreSQL's BIGINT hold the
/// same 64-bit integers (https://sqlite.org/datatype3.html, "Type Affinity").
fn kind_of(declared: &str) -> &'static str {
    let t = declared.to_ascii_uppercase();
    match t.split_whitespace().next().unwrap_or("") {
        "INTEGER" | "BIGINT" | "INT" | "INT8" => "integer",
        "TEXT" => "text",
        "DOUBLE" | "REAL" | "FLOAT8" => "real",
        "BOOLEAN" | "BOOL" => "boolean",
        other => panic!("a column type the mirror check does not know: {other} (add it to kind_of)"),
    }
}

/// One column definition (`name TYPE …`) as (name, kind, not null).
fn column(def: &str) -> (String, &'static str, bool) {
    let words: Vec<&str> = def.split_whitespace().collect();
    let upper = def.to_ascii_uppercase();
    let not_null = upper.contains("NOT NULL") || upper.contains("PRIMARY KEY");
    (words[0].to_owned(), kind_of(&words[1..].join(" ")), not_null)
}

/// Splits at the commas outside parentheses.
fn top_level_items(body: &str) -> Vec<&str> {
    let (mut depth, mut start, mut items) = (0, 0, Vec::new());
    for (i, ch) in body.char_indices() {
        match ch {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                items.push(body[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(body[start..].trim());
    items
}

const TABLE_CONSTRAINTS: [&str; 5] = ["PRIMARY", "UNIQUE", "FOREIGN", "CHECK", "CONSTRAINT"];

/// Applies the CREATE TABLE, ALTER TABLE … ADD COLUMN and DROP TABLE statements of one
/// migration to `schema`. Other statements (indexes, triggers, data) change no column.
fn apply(schema: &mut Schema, sql: &str) {
    let text: String = sql.lines().map(|l| l.split("--").next().unwrap_or("")).collect::<Vec<_>>().join(" ");
    for statement in text.split(';').map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ")) {
        let upper = statement.to_ascii_uppercase();
        if upper.starts_with("CREATE TABLE ") {
            let name = statement["CREATE TABLE ".len()..].split([' ', '(']).next().unwrap_or("").to_owned();
            let body = &statement[statement.find('(').expect("(") + 1..statement.rfind(')').expect(")")];
            let columns = top_level_items(body)
                .into_iter()
                .filter(|item| !TABLE_CONSTRAINTS.iter().any(|k| item.to_ascii_uppercase().starts_with(k)))
                .map(|item| {
                    let (name, kind, not_null) = column(item);
                    (name, (kind, not_null))
                })
                .collect();
            schema.insert(name, columns);
        } else if upper.starts_with("ALTER TABLE ") {
            let words: Vec<&str> = statement.split_whitespace().collect();
            assert!(
                words.len() > 5 && words[3].eq_ignore_ascii_case("ADD") && words[4].eq_ignore_ascii_case("COLUMN"),
                "an ALTER TABLE the mirror check does not read: {statement}"
            );
            let (name, kind, not_null) = column(&words[5..].join(" "));
            schema.get_mut(words[2]).expect("ALTER of a table created before").insert(name, (kind, not_null));
        } else if upper.starts_with("DROP TABLE ") {
            schema.remove(statement.split_whitespace().last().unwrap_or(""));
        }
    }
}

/// What differs between two schemas, one line per column, named as in `a` and `b`.
fn differences(a: &Schema, b: &Schema, (a_name, b_name): (&str, &str)) -> Vec<String> {
    let mut out = Vec::new();
    let tables: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    for table in tables {
        let (empty_a, empty_b) = (BTreeMap::new(), BTreeMap::new());
        let (ca, cb) = (a.get(table).unwrap_or(&empty_a), b.get(table).unwrap_or(&empty_b));
        let columns: std::collections::BTreeSet<&String> = ca.keys().chain(cb.keys()).collect();
        for column in columns {
            let (x, y) = (ca.get(column), cb.get(column));
            if x != y {
                out.push(format!("{table}.{column}: {a_name} {x:?}, {b_name} {y:?}"));
            }
        }
    }
    out
}

fn schema_of_files(db: &str) -> Schema {
    let mut schema = Schema::new();
    for name in migration_files(db) {
        apply(&mut schema, &std::fs::read_to_string(folder(db).join(name)).expect("migration file"));
    }
    schema
}

#[test]
fn both_folders_have_the_same_migrations() {
    let sqlite = migration_files("sqlite");
    assert!(!sqlite.is_empty());
    assert_eq!(sqlite, migration_files("postgres"), "every migration has its mirror, under the same name");
}

#[test]
fn both_folders_make_the_same_tables_and_columns() {
    let sqlite = schema_of_files("sqlite");
    assert!(sqlite.contains_key("cases") && sqlite["cases"].contains_key("anonymised_at"), "{sqlite:#?}");
    assert_eq!(differences(&sqlite, &schema_of_files("postgres"), ("sqlite", "postgres")), Vec::<String>::new());
}

#[test]
fn the_reader_of_migrations_sees_alters_and_constraints() {
    let mut s = Schema::new();
    apply(
        &mut s,
        "CREATE TABLE t (id TEXT PRIMARY KEY, -- a comment, with a comma\n n BIGINT NOT NULL DEFAULT 0, \
         PRIMARY KEY (id, n)); CREATE INDEX i ON t (n); ALTER TABLE t ADD COLUMN x DOUBLE PRECISION;",
    );
    let t = &s["t"];
    assert_eq!(t.len(), 3);
    assert_eq!((t["id"], t["n"], t["x"]), (("text", true), ("integer", true), ("real", false)));
}

/// The schema a database migrated at `url` reports.
async fn live_schema(url: &str) -> Result<Schema, StoreError> {
    let rows: Vec<(String, String, String, bool)> = if url.starts_with("postgres") {
        let sql = "SELECT table_name::TEXT, column_name::TEXT, data_type::TEXT, is_nullable = 'NO' \
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_sqlx_migrations'";
        sqlx::query_as(sql).fetch_all(&mut PgConnection::connect(url).await?).await?
    } else {
        let sql = "SELECT m.name, p.name, p.type, p.\"notnull\" <> 0 OR p.pk > 0 FROM sqlite_master m \
            JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' \
            AND m.name <> '_sqlx_migrations'";
        sqlx::query_as(sql).fetch_all(&mut SqliteConnection::connect(url).await?).await?
    };
    let mut schema = Schema::new();
    for (table, column, declared, not_null) in rows {
        schema.entry(table).or_default().insert(column, (kind_of(&declared), not_null));
    }
    Ok(schema)
}

/// Migrates a fresh database at `url` and reads its schema.
async fn migrated_schema(url: &str) -> Result<Schema, StoreError> {
    let store = Store::connect(url).await?;
    store.migrate().await?;
    store.close().await;
    live_schema(url).await
}

#[tokio::test]
async fn both_databases_report_the_same_schema_after_migrating() {
    let Some(admin) = std::env::var("TEST_DATABASE_URL").ok().filter(|s| !s.is_empty()) else {
        eprintln!("TEST_DATABASE_URL is not set: the live schemas are not compared (the files are)");
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let sqlite = migrated_schema(&format!("sqlite:{}", dir.path().join("schema.db").display())).await.expect("sqlite");
    let name = format!("fd_schema_{}", uuid::Uuid::new_v4().simple());
    let mut server = PgConnection::connect(&admin).await.expect("TEST_DATABASE_URL must be reachable");
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut server).await.expect("create database");
    let (base, rest) = admin.split_at(admin.rfind('/').expect("TEST_DATABASE_URL like postgres://host:port/db"));
    let query = rest.find('?').map(|q| &rest[q..]).unwrap_or("");
    let postgres = migrated_schema(&format!("{base}/{name}{query}")).await;
    // Dropped before any assertion, so a failing test leaves no database behind.
    let drop = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    sqlx::query(&drop).execute(&mut server).await.expect("drop database");
    let postgres = postgres.expect("migrate a fresh PostgreSQL database");
    assert_eq!(differences(&sqlite, &postgres, ("sqlite", "postgres")), Vec::<String>::new());
    let files = schema_of_files("postgres");
    assert_eq!(
        differences(&postgres, &files, ("database", "files")),
        Vec::<String>::new(),
        "files read as the database does"
    );
}
