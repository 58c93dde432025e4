//! Our typed LINE Messaging API module: webhook models and signatures, outgoing message
//! builders, a thin HTTP client, the event-handler trait, and a fake platform for tests
//! and local mode.

pub mod client;
pub mod event_handler;
pub mod fake;
pub mod message;
pub mod signature;
pub mod webhook;
