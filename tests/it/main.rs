//! Integration tests: the real service on a random port, a fresh database, the fake LINE
//! platform; and the checks against data files (the crisis corpus, LINE's SDK fixtures).
//! One binary, so the crate links once.

mod helpers;

mod alert_ack;
mod alert_escalation;
mod alert_loop;
mod api;
mod ask_preview;
mod browser;
mod claims;
mod cli;
mod client;
mod crisis_corpus;
mod delivery;
mod english;
mod hours;
mod intake;
mod leases;
mod line_reference;
mod live;
mod login;
mod multi_instance;
mod numbers;
mod phrases;
mod postgres_tls;
mod questions;
mod relay;
mod replay;
mod restart;
mod richmenu;
mod roles;
mod staff;
mod status;
mod transcript;
mod webhook;
