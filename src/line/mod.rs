//! Our typed LINE Messaging API module: webhook models and signatures, outgoing message
//! builders, a thin HTTP client (with its rich-menu calls), the event-handler trait, and a fake platform for tests
//! and local mode.

pub mod client;
pub mod event_handler;
pub mod fake;
pub mod message;
pub mod richmenu;
pub mod signature;
pub mod webhook;
