//! The one integration-test harness: [`TestApp`] (the real app on port 0, a fresh database —
//! SQLite always, PostgreSQL when `TEST_DATABASE_URL` is set —, the fake LINE platform),
//! a resident, a staff session and the JSON API, and waiting on conditions instead of sleeps.

mod api;
mod app;
mod db;
mod resident;
mod staff;
mod store;
mod wait;

pub use api::{error_of, Api};
pub use app::{config_for, metric, test_settings, Platform, TestApp, SECRET, TOKEN};
pub use db::{admin_url, each_backend, run_sql, test_name, PgCleanup, TestDb};
pub use resident::{buttons, texts, Resident, SHELTER_TAPS};
pub use staff::{csrf_in, set_cookie, StaffBrowser};
pub use store::{inbox_event, store_events};
pub use wait::{first_message_finished, settled, wait_for, wait_until};

pub use frontdesk::ids::CaseNumber;
use frontdesk::ids::{ChatId, LineUserId};

/// A user id the fake platform gave (or a test made up), as the store takes it.
pub fn user_id(id: &str) -> LineUserId {
    LineUserId::parse(id).expect("a LINE user id")
}

/// A chat id the fake platform gave (or a test made up), as the store takes it.
pub fn chat_id(id: &str) -> ChatId {
    ChatId::parse(id).expect("a LINE chat id")
}
