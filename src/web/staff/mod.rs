//! The staff dashboard: server-rendered pages (minijinja templates compiled into the
//! binary), a little plain JavaScript for live updates (server-sent events), no build step.
//! Every route but the login page requires a session; every form carries a CSRF token.

pub mod alert_state;
pub mod ask_preview;
pub mod auth;
mod client;
mod forms;
mod limiter;
pub mod lines;
mod live;
mod login;
mod pages;
pub mod phrasebook;
pub mod questions;
pub mod views;

use std::sync::Arc;

use axum::{
    http::{header, HeaderValue},
    response::{Html, IntoResponse, Response},
    routing::get,
    Router,
};
use minijinja::{Environment, Value};
use serde::Serialize;
use tokio::sync::Semaphore;

use crate::{
    app::AppState,
    config::{AlertSettings, StaffSettings},
    i18n::staff::StaffText,
    web::error::AppError,
};

pub use auth::{LoginLimiter, Staff};
pub use client::TrustedProxy;

/// What the dashboard needs besides the store: templates, labels, settings.
pub struct StaffWeb {
    env: Environment<'static>,
    pub text: Arc<StaffText>,
    pub settings: StaffSettings,
    pub alerts: AlertSettings,
    /// Staff open this address (links in alerts).
    pub public_url: String,
    pub secure_cookies: bool,
    pub limiter: LoginLimiter,
    /// Password checks running at once (each holds 19 MiB for argon2).
    pub verifications: Arc<Semaphore>,
    /// Where the client's address comes from.
    pub proxy: TrustedProxy,
    /// The configured languages (`[[languages]]`), in order: the queue's language filter.
    pub languages: Vec<crate::i18n::Lang>,
    /// Local mode: the login page says how to sign in.
    pub local_mode: bool,
}

const TEMPLATES: [(&str, &str); 9] = [
    ("base.html", include_str!("templates/base.html")),
    ("login.html", include_str!("templates/login.html")),
    ("queue.html", include_str!("templates/queue.html")),
    ("queue_rows.html", include_str!("templates/queue_rows.html")),
    ("case.html", include_str!("templates/case.html")),
    ("case_live.html", include_str!("templates/case_live.html")),
    ("admin.html", include_str!("templates/admin.html")),
    ("audit.html", include_str!("templates/audit.html")),
    ("phrase_preview.html", include_str!("templates/phrase_preview.html")),
];

impl StaffWeb {
    pub fn new(
        text: Arc<StaffText>,
        settings: StaffSettings,
        alerts: AlertSettings,
        public_url: String,
        local_mode: bool,
    ) -> Result<Self, minijinja::Error> {
        let mut env = Environment::new();
        // `.html` templates escape every value: residents' words are shown as text.
        for (name, source) in TEMPLATES {
            env.add_template(name, source)?;
        }
        let t = text.clone();
        env.add_function("t", move |id: String| -> String { t.text(&id) });
        env.add_filter("jst", |ms: Option<i64>| -> String { ms.map(crate::jst::datetime).unwrap_or_default() });
        let secure_cookies = public_url.starts_with("https://");
        let limiter =
            LoginLimiter::new(settings.login_attempts, settings.login_window_minutes, settings.login_max_delay_seconds);
        let verifications = Arc::new(Semaphore::new(settings.login_concurrency as usize));
        let proxy = TrustedProxy {
            header: settings.trusted_proxy_header.as_deref().map(|h| h.trim().to_owned()),
            proxies: settings.trusted_proxies.clone(),
        };
        Ok(StaffWeb {
            env,
            text,
            settings,
            alerts,
            public_url,
            secure_cookies,
            limiter,
            verifications,
            proxy,
            local_mode,
            languages: crate::i18n::Lang::ALL.to_vec(),
        })
    }

    /// Renders a template; a failure is ours (logged, opaque to the browser).
    pub fn render(&self, name: &str, ctx: impl Serialize) -> Result<Html<String>, AppError> {
        let template = self.env.get_template(name).map_err(|e| template_error(name, &e))?;
        template.render(Value::from_serialize(&ctx)).map(Html).map_err(|e| template_error(name, &e))
    }
}

/// A template failure as it is logged: the template, the line and the kind of error, never
/// minijinja's detail, which can quote the values being rendered (a resident's words).
fn template_error(name: &str, e: &minijinja::Error) -> AppError {
    let line = e.line().map_or_else(|| "?".to_owned(), |l| l.to_string());
    AppError::Internal(format!("template {name}, line {line}: {:?}", e.kind()))
}

/// The dashboard's routes, with headers that keep its pages out of caches and frames.
pub fn router() -> Router<AppState> {
    Router::new()
        .merge(login::router())
        .merge(pages::router())
        .merge(forms::router())
        .merge(phrasebook::router())
        .merge(questions::router())
        .merge(ask_preview::router())
        .merge(live::router())
        .route("/staff/static/app.js", get(script))
        .route("/staff/static/app.css", get(style))
        .layer(axum::middleware::map_response(protect))
}

/// Personal data must not linger in caches, be framed, or leak through the referrer; the
/// pages load only their own script and style.
pub(crate) async fn protect(mut res: Response) -> Response {
    let h = res.headers_mut();
    let set = |h: &mut axum::http::HeaderMap, k: header::HeaderName, v: &'static str| {
        h.entry(k).or_insert(HeaderValue::from_static(v));
    };
    set(h, header::CACHE_CONTROL, "no-store");
    set(h, header::X_FRAME_OPTIONS, "DENY");
    set(h, header::REFERRER_POLICY, "no-referrer");
    set(h, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(
        h,
        header::CONTENT_SECURITY_POLICY,
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    );
    res
}

async fn script() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], include_str!("static/app.js"))
}

async fn style() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], include_str!("static/app.css"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_error_is_logged_without_the_values_being_rendered() {
        let text = Arc::new(StaffText::load().unwrap());
        let mut web =
            StaffWeb::new(text, StaffSettings::default(), AlertSettings::default(), String::new(), true).unwrap();
        // Slicing a string with a string fails inside the template, on a resident's words.
        web.env.add_template("broken.html", "<p>{{ case.words[case.words:] }}</p>").unwrap();
        let words = "Maria Silva 090-1234-5678";
        let err = web.render("broken.html", serde_json::json!({ "case": { "words": words } })).unwrap_err();
        let (response, log) = crate::testlog::captured(|| err.into_response());
        assert_eq!(response.status(), axum::http::StatusCode::INTERNAL_SERVER_ERROR);
        assert!(log.contains("template broken.html, line 1"), "{log}");
        for part in ["Maria", "090-1234-5678"] {
            assert!(!log.contains(part), "the log holds {part}: {log}");
        }
    }
}
