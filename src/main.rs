//! The `frontdesk` command: `serve` (the default), `migrate`, `staff`, `purge`, `crisis`, `richmenu`.

use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand};
use frontdesk::{
    app,
    casework::{
        sender::{check_display_name, sender_name},
        Role,
    },
    clock::now_ms,
    config::{unverified_remote, Channel, Config},
    credentials::{digest, hash_password, link_code, random_token},
    i18n::Locales,
    line::client::LineClient,
    richmenu,
    routing::Queue,
    store::Store,
    worker::purge::purge_once,
};
use tracing_subscriber::EnvFilter;

/// The LINE front desk of the city's welfare consultation system.
///
/// Configuration comes from the environment: LINE_CHANNEL_SECRET, LINE_CHANNEL_ACCESS_TOKEN,
/// LINE_API_BASE_URL, LINE_API_DATA_BASE_URL, DATABASE_URL (default sqlite://frontdesk.db),
/// FRONTDESK_BIND (default 127.0.0.1:8080), FRONTDESK_CONFIG (optional TOML file). Without a
/// LINE channel, `serve` starts only with --local. See README.md.
#[derive(Parser)]
#[command(version, about, long_about)]
struct Cli {
    /// Local mode: an embedded fake LINE platform and a simulator instead of a LINE channel.
    /// Listens on loopback only, keeps its data in frontdesk-local.db, and refuses
    /// DATABASE_URL and the LINE variables.
    #[arg(long, global = true)]
    local: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the service (what a bare `frontdesk` does).
    Serve,
    /// Apply database migrations and exit.
    Migrate,
    /// Manage staff accounts of the dashboard.
    #[command(subcommand)]
    Staff(StaffCommand),
    /// Anonymise closed cases older than `[retention] closed_case_days`, delete old webhook
    /// events and message bodies, and end expired sessions.
    Purge,
    /// Test wording against the crisis detector (no database or configuration needed).
    #[command(subcommand)]
    Crisis(frontdesk::crisis::check::CrisisCommand),
    /// The rich menus under the chat, one per language.
    #[command(subcommand)]
    Richmenu(RichmenuCommand),
}

#[derive(Subcommand)]
enum RichmenuCommand {
    /// Create one rich menu per language on the LINE channel (aliases `richmenu-<lang>`,
    /// Japanese as the default), replacing the ones an earlier install made, and link each
    /// resident's menu to their language again.
    Install {
        /// A folder with one PNG per language (ja.png, ja-simple.png, pt-BR.png, vi.png),
        /// 2500×843 and at most 1 MB each, instead of the images built in.
        #[arg(long)]
        images: Option<std::path::PathBuf>,
    },
}

#[derive(Subcommand)]
enum StaffCommand {
    /// Add an account. The password is asked for (twice) on a terminal, or read as the
    /// first line of standard input.
    Add {
        name: String,
        /// staff (their queues), coordinator (shelter), admin (everything, accounts).
        #[arg(long)]
        role: String,
        /// Queues the account works: consultation, housing, shelter, interpreter.
        #[arg(long = "queue", num_args = 1..)]
        queues: Vec<String>,
    },
    /// List accounts.
    List,
    /// Disable an account: its sessions and API tokens end at once.
    Disable { name: String },
    /// Print a one-time code that links a coordinator's LINE account to this account: they
    /// send it to the bot in a one-on-one chat within 15 minutes (only its hash is kept).
    Link { name: String },
    /// Opt an account in to a display name residents see beside 「相談員」 (e.g. 「相談員 山田」;
    /// by default they see the role only), or out again with --clear. Audited.
    DisplayName {
        name: String,
        /// At most 10 characters, not the word LINE.
        display: Option<String>,
        #[arg(long, conflicts_with = "display")]
        clear: bool,
    },
    /// Create an API token for an account (printed once; only its hash is kept).
    Token {
        name: String,
        #[arg(long, default_value = "api")]
        label: String,
    },
}

/// How long a link code works.
const LINK_CODE_MINUTES: i64 = 15;

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
    match runtime.block_on(run(cli.local, cli.command.unwrap_or(Command::Serve))) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // One clear line for the operator; no backtrace for a user error.
            eprintln!("frontdesk: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(local: bool, command: Command) -> anyhow::Result<()> {
    if let Command::Crisis(cmd) = &command {
        print!("{}", cmd.run());
        return Ok(());
    }
    let config = Config::from_env(local)?;
    match command {
        Command::Migrate => {
            let store = open_store(&config).await?;
            store.close().await;
            println!("frontdesk: migrations applied ({})", store.backend());
            Ok(())
        }
        Command::Serve => serve(config).await,
        Command::Staff(cmd) => {
            let store = open_store(&config).await?;
            let result = staff(&store, cmd).await;
            store.close().await;
            result
        }
        Command::Purge => {
            let store = open_store(&config).await?;
            let s = &config.settings;
            let p = purge_once(&store, &s.retention, &s.staff, now_ms()).await?;
            store.close().await;
            println!(
                "frontdesk: {} closed cases anonymised, {} webhook events and {} message bodies removed",
                p.cases, p.inbox_events, p.outbox_rows
            );
            Ok(())
        }
        Command::Crisis(_) => Ok(()),
        Command::Richmenu(RichmenuCommand::Install { images }) => {
            // The images first: a wrong file is named before anything is sent to LINE.
            let images = richmenu::images(images.as_deref(), &config.settings.languages.offered())?;
            let store = open_store(&config).await?;
            let client = line_client(&config)?;
            let result = install_rich_menus(&client, &store, &images).await;
            store.close().await;
            result
        }
    }
}

/// A client for the configured LINE channel.
fn line_client(config: &Config) -> anyhow::Result<LineClient> {
    let Channel::Line(creds) = &config.channel else {
        // Local mode installs its menus into its embedded platform at each start.
        anyhow::bail!("richmenu install needs the LINE channel: set LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN");
    };
    let timeout = config.settings.line.request_timeout();
    Ok(LineClient::new(&config.api_base_url, &config.data_api_base_url, creds.access_token.clone(), timeout)?)
}

async fn install_rich_menus(client: &LineClient, store: &Store, images: &[richmenu::Image]) -> anyhow::Result<()> {
    let locales = Locales::load()?;
    let done = richmenu::install(client, store, images, &locales, now_ms()).await?;
    for m in &done.menus {
        println!("{}\t{}\t{}", m.lang, m.alias_id, m.rich_menu_id);
    }
    println!(
        "frontdesk: {} rich menus installed ({} is the default), {} earlier ones deleted, {} residents to link again",
        done.menus.len(),
        richmenu::DEFAULT_LANG.tag(),
        done.deleted,
        done.relinked
    );
    Ok(())
}

/// The database, migrated: what every command but `serve` starts with.
async fn open_store(config: &Config) -> anyhow::Result<Store> {
    let store = Store::connect(&config.database_url).await.context("connecting to the database")?;
    store.migrate().await?;
    Ok(store)
}

async fn staff(store: &Store, cmd: StaffCommand) -> anyhow::Result<()> {
    match cmd {
        StaffCommand::Add { name, role, queues } => {
            let role =
                Role::from_code(&role).ok_or_else(|| anyhow::anyhow!("--role must be staff, coordinator or admin"))?;
            let queues: Vec<Queue> = queues
                .iter()
                .flat_map(|q| q.split(','))
                .map(|q| {
                    Queue::from_code(q.trim()).ok_or_else(|| {
                        anyhow::anyhow!("--queue {q}: must be consultation, housing, shelter or interpreter")
                    })
                })
                .collect::<Result<_, _>>()?;
            if role == Role::Staff && queues.is_empty() {
                anyhow::bail!("a staff account needs at least one --queue");
            }
            let name = name.trim().to_owned();
            if name.is_empty() || name.len() > 64 || name.contains(char::is_whitespace) {
                anyhow::bail!("NAME must be 1 to 64 characters without spaces");
            }
            let password = read_password()?;
            let hash = hash_password(&password)?;
            let codes: Vec<&str> = queues.iter().map(|q| q.code()).collect();
            if !store.add_staff(&name, &hash, role.code(), &codes.join(","), now_ms()).await? {
                anyhow::bail!("an account named {name} already exists");
            }
            println!("frontdesk: account {name} added ({})", role.code());
        }
        StaffCommand::List => {
            for s in store.list_staff().await? {
                let state = if s.disabled { "disabled" } else { "enabled" };
                println!("{}\t{}\t{}\t{state}", s.name, s.role, if s.queues.is_empty() { "-" } else { &s.queues });
            }
        }
        StaffCommand::Disable { name } => {
            if !store.disable_staff(&name).await? {
                anyhow::bail!("no account named {name}");
            }
            println!("frontdesk: account {name} disabled; its sessions and tokens ended");
        }
        StaffCommand::Link { name } => {
            let account = store
                .staff_by_name(&name)
                .await?
                .filter(|s| !s.disabled)
                .ok_or_else(|| anyhow::anyhow!("no enabled account named {name}"))?;
            let code = link_code()?;
            store.add_link_code(&digest(&code), &account.id, now_ms() + LINK_CODE_MINUTES * 60_000).await?;
            println!("{code}");
            eprintln!(
                "frontdesk: send this code to the bot in a one-on-one LINE chat within {LINK_CODE_MINUTES} minutes \
                 to link your LINE account to {name} (it works once)"
            );
        }
        StaffCommand::DisplayName { name, display, clear } => display_name(store, &name, display, clear).await?,
        StaffCommand::Token { name, label } => {
            let account = store
                .staff_by_name(&name)
                .await?
                .filter(|s| !s.disabled)
                .ok_or_else(|| anyhow::anyhow!("no enabled account named {name}"))?;
            let token = random_token()?;
            store.add_api_token(&digest(&token), &account.id, &label, now_ms()).await?;
            println!("{token}");
            eprintln!("frontdesk: API token for {name} (send it as `Authorization: Bearer …`; it is not shown again)");
        }
    }
    Ok(())
}

/// Sets or clears an account's display name, audited (`staff_display_name`), and shows how
/// residents will see it in each language.
async fn display_name(store: &Store, name: &str, display: Option<String>, clear: bool) -> anyhow::Result<()> {
    let display = match (display, clear) {
        (Some(d), false) => Some(check_display_name(&d).map_err(|e| anyhow::anyhow!("{e}"))?),
        (None, true) => None,
        _ => anyhow::bail!("give the display name, or --clear"),
    };
    let account = store.staff_by_name(name).await?.ok_or_else(|| anyhow::anyhow!("no account named {name}"))?;
    store.set_display_name(name, display.as_deref()).await?;
    let detail = serde_json::json!({ "account": name, "display_name": display }).to_string();
    store.audit(None, None, "staff_display_name", &detail, now_ms()).await?;
    let locales = Locales::load()?;
    for lang in frontdesk::i18n::Lang::ALL {
        println!("{}\t{}", lang.tag(), sender_name(&locales, lang, display.as_deref()));
    }
    eprintln!("frontdesk: {}'s messages now show the sender names above", account.name);
    Ok(())
}

/// The new password: asked twice on a terminal, else the first line of standard input.
fn read_password() -> anyhow::Result<String> {
    use std::io::IsTerminal as _;
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password: ")?;
        let again = rpassword::prompt_password("Again: ")?;
        if first != again {
            anyhow::bail!("the two passwords differ");
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line)?;
        Ok(line.trim_end_matches(['\r', '\n']).to_owned())
    }
}

async fn serve(config: Config) -> anyhow::Result<()> {
    // Before anything is opened: no channel and no --local is a deployment missing its
    // LINE variables, never a reason to run without one.
    config.check_serve()?;
    let local = config.is_local_mode();
    if unverified_remote(&config.database_url) {
        tracing::warn!(
            "DATABASE_URL: PostgreSQL on another host without a verified certificate; use sslmode=verify-full with sslrootcert (README)"
        );
    }
    let timeout = config.settings.line.request_timeout();
    let languages = config.settings.languages.offered();
    let running = app::start(config).await?;
    let url = running.base_url();
    if let Some(fake) = &running.fake {
        // The simulator shows the menus as LINE would: install them into the embedded platform.
        let token = secrecy::SecretString::from(fake.config().access_token.clone());
        let client = LineClient::new(&fake.base_url(), &fake.base_url(), token, timeout)?;
        // A configured language without an image (a new folder before its image is drawn)
        // leaves the simulator without menus, not the service without a start.
        let installed = match richmenu::images(None, &languages) {
            Ok(images) => install_rich_menus(&client, &running.store, &images).await,
            Err(e) => Err(e.into()),
        };
        if let Err(e) = installed {
            tracing::warn!(error = %e, "local mode: the rich menus could not be installed");
        }
    }
    if local {
        tracing::info!("local mode: an embedded fake LINE platform answers instead of LINE");
        println!("frontdesk is running in local mode (--local: no LINE channel, data in frontdesk-local.db).");
        println!("Open {url}/simulator to chat with it as a resident.");
        if running.store.list_staff().await?.is_empty() {
            // Local mode only: an account to try the dashboard with.
            let password = random_token()?;
            let hash = hash_password(&password)?;
            running.store.add_staff("admin", &hash, Role::Admin.code(), "", now_ms()).await?;
            println!("Open {url}/staff for the staff dashboard: name admin, password {password}");
        } else {
            println!("Open {url}/staff for the staff dashboard (accounts: frontdesk staff list).");
        }
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
