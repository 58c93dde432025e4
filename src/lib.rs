//! frontdesk: the LINE front desk of a city's welfare consultation system.
//!
//! One message's way: `web::webhook` verifies it and `worker::ingest` stores it in the inbox
//! (one group commit for many events); `worker::inbox` hands it, in order per resident, to
//! `conversation::ConversationService`, which runs the pure `intake` step and `routing`;
//! the step's effects are stored with the event's ending, and `worker::outbox` sends them.

pub mod alerts;
pub mod app;
pub mod casework;
pub mod clock;
pub mod codes;
pub mod config;
pub mod conversation;
pub mod credentials;
pub mod crisis;
pub mod hours;
pub mod i18n;
pub mod ids;
pub mod intake;
pub mod jst;
pub mod line;
pub mod live;
pub mod metrics;
pub mod redact;
pub mod richmenu;
pub mod routing;
pub mod store;
#[cfg(test)]
mod testlog;
pub mod text;
pub mod web;
pub mod worker;
