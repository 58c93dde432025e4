//! frontdesk: the LINE front desk of a city's welfare consultation system.
//!
//! One message's way: `web::webhook` verifies and stores it in the inbox, `worker::inbox`
//! handles it in order per resident, effects leave through `worker::outbox`.

pub mod app;
pub mod casework;
pub mod clock;
pub mod codes;
pub mod config;
pub mod conversation;
pub mod credentials;
pub mod crisis;
pub mod error;
pub mod hours;
pub mod i18n;
pub mod ids;
pub mod intake;
pub mod jst;
pub mod line;
pub mod live;
pub mod metrics;
pub mod routing;
pub mod store;
#[cfg(test)]
mod testlog;
pub mod text;
pub mod web;
pub mod worker;
