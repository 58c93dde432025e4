//! The `frontdesk` command: `serve` (the default), `migrate`.

use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand};
use frontdesk::{app, config::Config, store::Store};
use tracing_subscriber::EnvFilter;

/// The LINE front desk of the city's welfare consultation system.
///
/// Configuration comes from the environment: LINE_CHANNEL_SECRET, LINE_CHANNEL_ACCESS_TOKEN
/// (both unset: local mode with a simulator), LINE_API_BASE_URL, LINE_API_DATA_BASE_URL,
/// DATABASE_URL (default sqlite://frontdesk.db), FRONTDESK_BIND (default 127.0.0.1:8080),
/// FRONTDESK_CONFIG (optional TOML file). See README.md.
#[derive(Parser)]
#[command(version, about, long_about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the service (what a bare `frontdesk` does).
    Serve,
    /// Apply database migrations and exit.
    Migrate,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")))
        .with_target(false)
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("frontdesk: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli.command.unwrap_or(Command::Serve))) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // One clear line for the operator; no backtrace for a user error.
            eprintln!("frontdesk: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command) -> anyhow::Result<()> {
    let config = Config::from_env()?;
    match command {
        Command::Migrate => {
            let store = Store::connect(&config.database_url).await.context("connecting to the database")?;
            store.migrate().await?;
            store.close().await;
            println!("frontdesk: migrations applied ({})", store.backend());
            Ok(())
        }
        Command::Serve => serve(config).await,
    }
}

async fn serve(config: Config) -> anyhow::Result<()> {
    let local = config.is_local_mode();
    let running = app::start(config).await?;
    let url = running.base_url();
    if local {
        tracing::info!("local mode: no LINE channel configured; an embedded fake LINE platform answers instead");
        println!("frontdesk is running in local mode (no LINE channel configured).");
        println!("Open {url}/simulator to chat with it as a resident.");
    } else {
        tracing::info!(%url, backend = running.store.backend(), "frontdesk is running; LINE webhook at /webhook");
    }
    let shutdown = running.shutdown.clone();
    tokio::spawn(async move {
        wait_for_signal().await;
        tracing::info!("shutting down");
        shutdown.cancel();
    });
    running.wait().await;
    Ok(())
}

async fn wait_for_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(s) => s,
            Err(_) => {
                let _ = ctrl_c.await;
                return;
            }
        };
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
}
