//! The dashboard's pages: the queue, a case, the admin page and the audit log, and the
//! fragments their script reloads when something changes. Every view of a case is audited.

use axum::{
    extract::{Path, Query, State},
    http::header,
    response::{Html, IntoResponse, Redirect, Response},
    routing::get,
    Router,
};
use serde::Deserialize;
use serde_json::{json, Value};

use super::{
    auth::Staff,
    views::{CaseSummary, CaseView},
};
use crate::{
    app::AppState,
    casework::{
        check_transfer, check_transition,
        labels::{choices, ja, stored},
        service::{access_of, Filter},
        Outcome, Role, Status,
    },
    clock::now_ms,
    i18n::Lang,
    ids::CaseNumber,
    routing::Queue,
    store::CaseRow,
    web::error::AppError,
    web::requests::CaseFilter,
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff", get(queue_page))
        .route("/staff/", get(|| async { Redirect::permanent("/staff") }))
        .route("/staff/queue/rows", get(queue_rows))
        .route("/staff/cases/{number}", get(case_page))
        .route("/staff/cases/{number}/live", get(case_live))
        .route("/staff/cases/{number}/attachments/{message_id}", get(attachment))
        .route("/staff/admin", get(admin_page))
        .route("/staff/admin/audit", get(audit_page))
}

/// The queue page's own address for a filter, for its reloads.
fn query_string(f: &Filter) -> String {
    let mut parts = Vec::new();
    if let Some(q) = f.queue {
        parts.push(format!("queue={}", q.code()));
    }
    if let Some(s) = f.status {
        parts.push(format!("status={}", s.code()));
    }
    if let Some(l) = &f.lang {
        parts.push(format!("lang={l}"));
    }
    parts.join("&")
}

/// What every page's header shows about the signed-in account.
pub(super) fn me(state: &AppState, staff: &Staff) -> Value {
    let t = &state.staff.text;
    json!({
        "name": staff.actor.name,
        "role": ja(t, staff.actor.role),
        "admin": staff.actor.is_admin(),
        "centre": !staff.actor.is_partner(),
        "csrf": staff.csrf,
        "queues": staff.actor.queues().into_iter().map(|q| ja(t, q)).collect::<Vec<_>>(),
    })
}

async fn queue_cases(state: &AppState, staff: &Staff, f: &Filter) -> Result<Vec<CaseSummary>, AppError> {
    let cases = state.desk.queue(&staff.actor, f, now_ms()).await?;
    let names = crate::web::staff_names(state).await?;
    CaseSummary::list(state, &cases, &names).await
}

async fn queue_page(
    State(state): State<AppState>,
    staff: Staff,
    Query(q): Query<CaseFilter>,
) -> Result<Html<String>, AppError> {
    let t = &state.staff.text;
    let f = q.lenient();
    let cases = queue_cases(&state, &staff, &f).await?;
    let qs = query_string(&f);
    state.staff.render(
        "queue.html",
        json!({
            "me": me(&state, &staff),
            "cases": cases,
            "now": now_ms(),
            "filter": { "queue": f.queue.map(|q| q.code()), "status": f.status.map(|s| s.code()), "lang": f.lang },
            "queues": choices(t, staff.actor.queues()),
            "statuses": choices(t, Status::ALL.iter().copied()),
            "langs": state.staff.languages.iter().map(|l| json!({ "code": l.tag(), "label": t.label("lang", l.tag()) })).collect::<Vec<_>>(),
            "rows_url": format!("/staff/queue/rows?{qs}"),
            "events_url": "/staff/events",
        }),
    )
}

async fn queue_rows(
    State(state): State<AppState>,
    staff: Staff,
    Query(q): Query<CaseFilter>,
) -> Result<Html<String>, AppError> {
    let cases = queue_cases(&state, &staff, &q.lenient()).await?;
    state.staff.render("queue_rows.html", json!({ "cases": cases, "now": now_ms() }))
}

/// The live part of a case page: its header, the transcript and the history; with the
/// case it was read from.
async fn live_part(
    state: &AppState,
    staff: &Staff,
    number: &CaseNumber,
    what: &str,
) -> Result<(Value, CaseRow), AppError> {
    let now = now_ms();
    let c = state.desk.view(&staff.actor, number, what, now).await?;
    let view = CaseView::read(state, &c, Some(&state.crisis)).await?;
    let mine = c.assignee.as_deref() == Some(staff.actor.id.as_str());
    let live = json!({
        "case": view.case,
        "transcript": view.transcript,
        "actions": view.actions,
        "questions": view.questions,
        "mine": mine,
        "now": now,
        "closed": c.status == "closed",
        "me": me(state, staff),
    });
    Ok((live, c))
}

async fn case_page(
    State(state): State<AppState>,
    staff: Staff,
    Path(number): Path<String>,
) -> Result<Html<String>, AppError> {
    let t = &state.staff.text;
    let number: CaseNumber = number.parse()?;
    let (live, c) = live_part(&state, &staff, &number, "page").await?;
    let access = access_of(&c);
    // Colleagues who may be given the case: enabled, and able to see it.
    let colleagues: Vec<Value> = state
        .store
        .list_staff()
        .await?
        .iter()
        .filter(|s| !s.disabled)
        .map(|s| crate::casework::service::actor_of(s, state.desk.partners))
        .filter(|a| a.sees(&access) && a.id != staff.actor.id)
        .map(|a| json!({ "name": a.name, "role": ja(t, a.role) }))
        .collect();
    let transfers = Queue::ALL.iter().copied().filter(|q| check_transfer(&access, *q, state.desk.partners).is_ok());
    let status = crate::casework::service::status_of(&c);
    let statuses = Status::ALL
        .iter()
        .copied()
        .filter(|s| check_transition(status, *s, (*s == Status::Closed).then_some(Outcome::Supported)).is_ok());
    let mut ctx = live;
    if let Value::Object(m) = &mut ctx {
        m.insert("colleagues".into(), Value::from(colleagues));
        m.insert("transfers".into(), Value::from(choices(t, transfers)));
        m.insert("statuses".into(), Value::from(choices(t, statuses)));
        m.insert("outcomes".into(), Value::from(choices(t, Outcome::CHOOSABLE)));
        m.insert("phrasebook".into(), super::phrasebook::catalogue(&state));
        let lang = c.lang.as_deref().and_then(Lang::from_tag);
        m.insert("reads_japanese".into(), lang.is_none_or(Lang::is_japanese).into());
        m.insert("ask".into(), super::questions::picker(&state));
        m.insert("live_url".into(), Value::from(format!("/staff/cases/{number}/live")));
        m.insert("events_url".into(), Value::from(format!("/staff/cases/{number}/events")));
    }
    state.staff.render("case.html", ctx)
}

async fn case_live(
    State(state): State<AppState>,
    staff: Staff,
    Path(number): Path<String>,
) -> Result<Html<String>, AppError> {
    let (ctx, _) = live_part(&state, &staff, &number.parse()?, "live").await?;
    state.staff.render("case_live.html", ctx)
}

/// An image or file the resident sent, fetched from LINE's content host (audited).
async fn attachment(
    State(state): State<AppState>,
    staff: Staff,
    Path((number, message_id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let c = state.desk.case(&staff.actor, &number.parse()?).await?;
    let listed = state.store.case_attachments(&c.id).await?;
    if !listed.iter().any(|(id, _, _)| *id == message_id) {
        return Err(AppError::NotFound);
    }
    state.store.audit(Some(&staff.actor.id), Some(&c.id), "view_attachment", &message_id, now_ms()).await?;
    match state.client.content(&message_id).await {
        Ok((content_type, bytes)) => {
            let ct = content_type.unwrap_or_else(|| "application/octet-stream".to_owned());
            // Shown as a download unless it is a plain raster image: a file a resident sent
            // (an SVG, an HTML page) is never run in the dashboard's origin.
            let inline = ["image/jpeg", "image/png", "image/gif", "image/webp"].contains(&ct.as_str());
            let disposition = if inline { "inline" } else { "attachment" };
            Ok(([(header::CONTENT_TYPE, ct), (header::CONTENT_DISPOSITION, disposition.to_owned())], bytes)
                .into_response())
        }
        Err(e) => {
            tracing::warn!(error = %e, "attachment content unavailable from LINE");
            Err(AppError::Unavailable("LINE no longer has this file"))
        }
    }
}

async fn admin_page(State(state): State<AppState>, staff: Staff) -> Result<Html<String>, AppError> {
    if !staff.actor.is_admin() {
        return Err(AppError::Forbidden("admins only"));
    }
    let t = &state.staff.text;
    let accounts: Vec<Value> = state
        .store
        .list_staff()
        .await?
        .iter()
        .map(|s| {
            let a = crate::casework::service::actor_of(s, state.desk.partners);
            json!({
                "name": s.name,
                "role": stored::<Role>(t, &s.role),
                "queues": a.queues().into_iter().map(|q| ja(t, q)).collect::<Vec<_>>(),
                "disabled": s.disabled,
                "created_at": s.created_at,
                // Opted in with `frontdesk staff display-name` (residents see 「相談員 山田」).
                "display_name": s.display_name,
            })
        })
        .collect();
    let alerts = &state.staff.alerts;
    let chats: Vec<Value> = state
        .store
        .line_chats()
        .await?
        .into_iter()
        .map(|(id, kind, joined, left)| {
            json!({
                "id": id,
                "kind": kind,
                "joined_at": joined,
                "left_at": left,
                "coordinators": alerts.coordinators.contains(&id),
                "centre": alerts.centre.contains(&id),
            })
        })
        .collect();
    let erasures = state.store.pending_erasures().await?.len();
    let failures: Vec<Value> = state
        .store
        .login_failures(100)
        .await?
        .into_iter()
        .map(|f| json!({ "at": f.at, "name": f.name, "client": f.client, "account": f.account }))
        .collect();
    let audit = state.store.audit_log(None, 100).await?;
    let now = now_ms();
    let waiting: Vec<Value> =
        state.store.waiting_alerts().await?.iter().map(|a| waiting_alert_json(t, a, now)).collect();
    state.store.audit(Some(&staff.actor.id), None, "view_admin", "", now).await?;
    state.staff.render(
        "admin.html",
        json!({
            "me": me(&state, &staff),
            "accounts": accounts,
            "chats": chats,
            "waiting_alerts": waiting,
            "erasures": erasures,
            "failures": failures,
            "audit": audit.iter().map(audit_json).collect::<Vec<_>>(),
        }),
    )
}

/// An alert nobody acknowledged yet, as the admin page lists it.
fn waiting_alert_json(t: &crate::i18n::staff::StaffText, a: &crate::store::AlertRow, now: i64) -> Value {
    let mut args = fluent_bundle::FluentArgs::new();
    args.set("minutes", (now - a.sent_at).max(0) / 60_000);
    json!({
        "case": a.case_number,
        "level": t.label("escalation-level", &a.level.to_string()),
        "stage": t.label("escalation-stage", &a.stage.to_string()),
        "sent_at": a.sent_at,
        "age": t.format("escalation-age", Some(&args)),
    })
}

pub fn audit_json(a: &crate::store::AuditRow) -> Value {
    json!({ "at": a.at, "staff": a.staff_name, "case": a.case_number, "action": a.action, "detail": a.detail })
}

#[derive(Deserialize)]
struct AuditQuery {
    case: Option<String>,
}

async fn audit_page(
    State(state): State<AppState>,
    staff: Staff,
    Query(q): Query<AuditQuery>,
) -> Result<Html<String>, AppError> {
    if !staff.actor.is_admin() {
        return Err(AppError::Forbidden("admins only"));
    }
    let (case_id, number) = match q.case.as_deref().filter(|n| !n.is_empty()) {
        Some(n) => {
            let c = state.store.case_by_number(&n.parse()?).await?.ok_or(AppError::NotFound)?;
            (Some(c.id), Some(c.number))
        }
        None => (None, None),
    };
    let rows = state.store.audit_log(case_id.as_deref(), 1000).await?;
    state.store.audit(Some(&staff.actor.id), case_id.as_deref(), "view_audit", "", now_ms()).await?;
    state.staff.render(
        "audit.html",
        json!({ "me": me(&state, &staff), "case": number, "rows": rows.iter().map(audit_json).collect::<Vec<_>>() }),
    )
}
