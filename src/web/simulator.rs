//! The local-mode simulator: a phone-like chat page that plays LINE for one or several residents.
//!
//! Everything goes through the embedded `FakeLine`, so the service sees exactly what LINE would
//! send: adding a resident is `add_user` + a signed `follow` webhook, a typed message is a signed
//! `message` webhook, a tapped postback chip is a `postback` webhook (its `displayText` is only
//! shown on the phone, as in LINE: Messaging API reference, "Postback action"). The bot's
//! replies and pushes come back from `FakeLine::subscribe()` as server-sent events.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::{Arc, Mutex};

use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use futures_util::Stream;
use serde::Deserialize;
use serde_json::{json, Value};
use tokio::sync::broadcast::error::RecvError;
use tokio_util::sync::CancellationToken;

use crate::config::Languages;
use crate::line::fake::{Delivered, FakeError, FakeLine, WebhookResult};

mod languages;
use languages::{profile_languages, ProfileLanguage};
/// Where the simulated "share location" puts the resident (a public place, not a person).
const DEMO_LOCATION: (f64, f64, &str) = (35.681236, 139.767125, "東京都千代田区丸の内1丁目");

#[derive(Clone)]
struct Sim {
    fake: FakeLine,
    shutdown: CancellationToken,
    /// What each resident sent, so a reload shows the whole chat.
    sent: Arc<Mutex<HashMap<String, Vec<SentItem>>>>,
    /// The profile languages the page offers (none = no `language` in the profile).
    profiles: Arc<Vec<ProfileLanguage>>,
}

/// One thing the resident sent; `after` = how many deliveries their chat had before it.
struct SentItem {
    kind: &'static str,
    text: String,
    after: usize,
}

/// The simulator's routes, state applied. The event stream ends when `shutdown` is cancelled.
pub fn router(fake: FakeLine, shutdown: CancellationToken, languages: &Languages) -> Router {
    let sim = Sim { fake, shutdown, sent: Arc::default(), profiles: Arc::new(profile_languages(languages)) };
    Router::new()
        .route("/simulator", get(page))
        .route("/simulator/static/simulator.js", get(script))
        .route("/simulator/static/simulator.css", get(style))
        .route("/simulator/api/users", get(list_users).post(add_user))
        .route("/simulator/api/languages", get(list_languages))
        .route("/simulator/api/send", axum::routing::post(send))
        .route("/simulator/api/events", get(events))
        .route("/simulator/api/history", get(history))
        .route("/simulator/api/richmenu", get(rich_menu))
        .route("/simulator/api/richmenu/{id}/image", get(rich_menu_image))
        .with_state(sim)
}

async fn page() -> Html<&'static str> {
    Html(include_str!("simulator/simulator.html"))
}

async fn script() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], include_str!("simulator/simulator.js"))
}

async fn style() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], include_str!("simulator/simulator.css"))
}

async fn list_users(State(sim): State<Sim>) -> Json<Value> {
    let users: Vec<Value> = sim
        .fake
        .users()
        .into_iter()
        .map(|u| json!({ "userId": u.user_id, "displayName": u.display_name, "language": u.language }))
        .collect();
    Json(Value::Array(users))
}

async fn list_languages(State(sim): State<Sim>) -> Json<Vec<ProfileLanguage>> {
    Json(sim.profiles.as_ref().clone())
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct NewUser {
    display_name: String,
    #[serde(default)]
    language: Option<String>,
}

async fn add_user(State(sim): State<Sim>, Json(new): Json<NewUser>) -> Response {
    let name = new.display_name.trim();
    if name.is_empty() || name.chars().count() > 50 {
        return problem(StatusCode::BAD_REQUEST, "displayName must be 1 to 50 characters");
    }
    if let Some(language) = new.language.as_deref().filter(|l| !sim.profiles.iter().any(|p| p.code == *l)) {
        return problem(StatusCode::BAD_REQUEST, &format!("unsupported language {language:?}"));
    }
    let user_id = sim.fake.add_user(name, new.language.as_deref());
    // Adding a friend on LINE sends a `follow` webhook.
    let follow = sim.fake.follow_event(&user_id);
    let webhook = webhook_json(sim.fake.send_events(vec![follow]).await);
    Json(json!({ "userId": user_id, "webhook": webhook })).into_response()
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SendRequest {
    user_id: String,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    postback: Option<String>,
    #[serde(default)]
    display_text: Option<String>,
    /// `sticker`, `image` or `location`: a canned non-text message.
    #[serde(default)]
    attachment: Option<String>,
}

async fn send(State(sim): State<Sim>, Json(request): Json<SendRequest>) -> Response {
    let user = request.user_id.as_str();
    if !sim.fake.users().iter().any(|u| u.user_id == user) {
        return problem(StatusCode::NOT_FOUND, "no such resident (or they blocked the bot)");
    }
    let (event, shown) = if let Some(data) = &request.postback {
        let shown = request.display_text.clone().filter(|t| !t.is_empty()).map(|t| ("postback", t));
        (sim.fake.postback_event(user, data), shown)
    } else if let Some(text) = request.text.as_deref().filter(|t| !t.trim().is_empty()) {
        (sim.fake.text_event(user, text), Some(("text", text.to_owned())))
    } else {
        match request.attachment.as_deref() {
            Some("sticker") => (sim.fake.sticker_event(user), Some(("sticker", String::new()))),
            Some("image") => (sim.fake.image_event(user), Some(("image", String::new()))),
            Some("location") => {
                let (lat, lon, address) = DEMO_LOCATION;
                (sim.fake.location_event(user, lat, lon, address), Some(("location", String::new())))
            }
            _ => return problem(StatusCode::BAD_REQUEST, "send text, postback or attachment"),
        }
    };
    if let Some((kind, text)) = shown {
        let after = sim.fake.delivered(user).len();
        let mut sent = sim.sent.lock().unwrap_or_else(|p| p.into_inner());
        sent.entry(user.to_owned()).or_default().push(SentItem { kind, text, after });
    }
    let outcome = sim.fake.send_events(vec![event]).await;
    Json(webhook_json(outcome)).into_response()
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct HistoryQuery {
    user_id: String,
}

/// The chat so far: the resident's items and the bot's deliveries, in order.
async fn history(State(sim): State<Sim>, Query(query): Query<HistoryQuery>) -> Json<Value> {
    let delivered = sim.fake.delivered(&query.user_id);
    let sent = sim.sent.lock().unwrap_or_else(|p| p.into_inner());
    let mine = sent.get(&query.user_id).map(Vec::as_slice).unwrap_or_default();
    let mut items = Vec::with_capacity(delivered.len() + mine.len());
    let mut mine = mine.iter().peekable();
    for (index, delivery) in delivered.iter().enumerate() {
        while let Some(item) = mine.next_if(|item| item.after <= index) {
            items.push(sent_json(item));
        }
        items.push(json!({ "from": "bot", "via": delivery.via.as_str(), "messages": delivery.messages }));
    }
    items.extend(mine.map(sent_json));
    Json(json!({ "userId": query.user_id, "items": items }))
}

/// The rich menu the resident sees under the chat (their own, else the default), with its
/// areas and actions, or `null`.
async fn rich_menu(State(sim): State<Sim>, Query(query): Query<HistoryQuery>) -> Json<Value> {
    let Some(shown) = sim.fake.rich_menu_shown_to(&query.user_id).filter(|m| m.image.is_some()) else {
        return Json(Value::Null);
    };
    let id = shown.rich_menu_id;
    let image = format!("/simulator/api/richmenu/{id}/image");
    Json(json!({ "richMenuId": id, "imageUrl": image, "size": shown.menu["size"],
        "chatBarText": shown.menu["chatBarText"], "areas": shown.menu["areas"] }))
}

async fn rich_menu_image(State(sim): State<Sim>, axum::extract::Path(id): axum::extract::Path<String>) -> Response {
    let image = sim.fake.rich_menus().into_iter().find(|m| m.rich_menu_id == id).and_then(|m| m.image);
    match image {
        Some(png) => ([(header::CONTENT_TYPE, "image/png")], png).into_response(),
        None => problem(StatusCode::NOT_FOUND, "no such rich menu image"),
    }
}

/// Every delivery to any chat, as `event: delivered` with `{chatId, via, messages}`.
async fn events(State(sim): State<Sim>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let rx = sim.fake.subscribe();
    let stream = futures_util::stream::unfold((rx, sim.shutdown), |(mut rx, shutdown)| async move {
        let event = tokio::select! {
            _ = shutdown.cancelled() => return None,
            received = rx.recv() => match received {
                Ok(delivery) => Event::default().event("delivered").data(delivered_json(&delivery).to_string()),
                // The page missed some: it reloads the history.
                Err(RecvError::Lagged(_)) => Event::default().event("resync").data("{}"),
                Err(RecvError::Closed) => return None,
            },
        };
        Some((Ok(event), (rx, shutdown)))
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

fn delivered_json(delivery: &Delivered) -> Value {
    json!({ "chatId": delivery.chat_id, "via": delivery.via.as_str(), "messages": delivery.messages })
}

fn sent_json(item: &SentItem) -> Value {
    json!({ "from": "user", "kind": item.kind, "text": item.text })
}

fn webhook_json(outcome: Result<WebhookResult, FakeError>) -> Value {
    match outcome {
        Ok(result) => json!({ "status": result.status, "elapsedMs": result.elapsed.as_millis() as u64 }),
        Err(error) => json!({ "status": Value::Null, "error": error.to_string() }),
    }
}

fn problem(status: StatusCode, message: &str) -> Response {
    (status, Json(json!({ "error": message }))).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::line::fake::FakeConfig;

    async fn serve(app: Router, shutdown: &CancellationToken) -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let token = shutdown.clone();
        tokio::spawn(async move { axum::serve(listener, app).with_graceful_shutdown(token.cancelled_owned()).await });
        format!("http://{addr}")
    }

    /// A stand-in bot behind `fake`'s webhook: records the webhook bodies, answers 200.
    async fn recording_bot(fake: &FakeLine, shutdown: &CancellationToken) -> Arc<Mutex<Vec<Value>>> {
        let seen = Arc::new(Mutex::new(Vec::<Value>::new()));
        let sink = seen.clone();
        let bot = Router::new().route(
            "/webhook",
            axum::routing::post(move |body: axum::body::Bytes| {
                let sink = sink.clone();
                async move { sink.lock().unwrap().push(serde_json::from_slice(&body).unwrap()) }
            }),
        );
        let bot_url = serve(bot, shutdown).await;
        fake.set_webhook_url(&format!("{bot_url}/webhook"));
        seen
    }

    #[tokio::test]
    async fn the_page_loads_its_script_and_style_from_the_simulator() {
        let shutdown = CancellationToken::new();
        let base =
            serve(router(FakeLine::new(FakeConfig::default()), shutdown.clone(), &Languages::default()), &shutdown)
                .await;
        let http = reqwest::Client::builder().no_proxy().build().unwrap();
        let page = http.get(format!("{base}/simulator")).send().await.unwrap().text().await.unwrap();
        for (path, kind) in
            [("/simulator/static/simulator.js", "text/javascript"), ("/simulator/static/simulator.css", "text/css")]
        {
            assert!(page.contains(path), "the page refers to {path}");
            let res = http.get(format!("{base}{path}")).send().await.unwrap();
            assert_eq!(res.status(), 200, "{path}");
            assert!(res.headers()[header::CONTENT_TYPE].to_str().unwrap().starts_with(kind), "{path}");
        }
        shutdown.cancel();
    }

    #[tokio::test]
    async fn the_residents_rich_menu_is_served_with_its_areas_and_image() {
        let shutdown = CancellationToken::new();
        let fake = FakeLine::new(FakeConfig::default());
        fake.start(shutdown.clone()).await.unwrap();
        let base = serve(router(fake.clone(), shutdown.clone(), &Languages::default()), &shutdown).await;
        let http = reqwest::Client::builder().no_proxy().build().unwrap();
        let user = fake.add_user("Lan", Some("vi"));
        let menu_url = format!("{base}/simulator/api/richmenu?userId={user}");
        let none: Value = http.get(&menu_url).send().await.unwrap().json().await.unwrap();
        assert_eq!(none, Value::Null, "no menu installed: nothing under the chat");

        let token = secrecy::SecretString::from(fake.config().access_token.clone());
        let client = crate::line::client::LineClient::new(
            &fake.base_url(),
            &fake.base_url(),
            token,
            std::time::Duration::from_secs(5),
        )
        .unwrap();
        let locales = crate::i18n::Locales::load().unwrap();
        let id = client.create_rich_menu(&crate::richmenu::menu(crate::i18n::Lang::VI, &locales)).await.unwrap();
        let png = include_bytes!("../../assets/richmenu/vi.png");
        client.upload_rich_menu_image(&id, "image/png", png.to_vec()).await.unwrap();
        client.set_default_rich_menu(&id).await.unwrap();

        let shown: Value = http.get(&menu_url).send().await.unwrap().json().await.unwrap();
        assert_eq!(shown["richMenuId"], id.as_str());
        assert_eq!(shown["areas"][2]["action"]["data"], "cmd:emergency");
        assert_eq!(shown["areas"][2]["action"]["displayText"], "Số khẩn cấp");
        let image = http.get(format!("{base}{}", shown["imageUrl"].as_str().unwrap())).send().await.unwrap();
        assert_eq!(image.headers()[header::CONTENT_TYPE], "image/png");
        assert_eq!(image.bytes().await.unwrap().as_ref(), png.as_slice());
        shutdown.cancel();
    }

    #[tokio::test]
    async fn a_chat_round_trip_through_the_simulator() {
        let shutdown = CancellationToken::new();
        let fake = FakeLine::new(FakeConfig::default());
        fake.start(shutdown.clone()).await.unwrap();
        let seen = recording_bot(&fake, &shutdown).await;
        let base = serve(router(fake.clone(), shutdown.clone(), &Languages::default()), &shutdown).await;
        let http = reqwest::Client::builder().no_proxy().build().unwrap();

        let page = http.get(format!("{base}/simulator")).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("<html"));

        let post = |path: &str, body: Value| {
            let request = http.post(format!("{base}/simulator/api/{path}")).json(&body);
            async move { request.send().await.unwrap().json::<Value>().await.unwrap() }
        };
        let added = post("users", json!({ "displayName": "Lan", "language": "vi" })).await;
        let user = added["userId"].as_str().unwrap().to_owned();
        assert_eq!(added["webhook"]["status"], 200);
        assert_eq!(seen.lock().unwrap()[0]["events"][0]["type"], "follow");
        let bad =
            http.post(format!("{base}/simulator/api/users")).json(&json!({ "displayName": "X", "language": "fr" }));
        assert_eq!(bad.send().await.unwrap().status(), 400);

        let mut stream = http.get(format!("{base}/simulator/api/events")).send().await.unwrap();
        let sent = post("send", json!({ "userId": user, "text": "xin chào" })).await;
        assert_eq!(sent["status"], 200);
        let event = seen.lock().unwrap()[1]["events"][0].clone();
        assert_eq!(event["message"]["text"], "xin chào");

        // The bot replies through the fake API; the page hears it on the event stream.
        let reply = json!({ "replyToken": event["replyToken"], "messages": [{ "type": "text", "text": "Chào bạn" }] });
        let token = fake.config().access_token.clone();
        let url = format!("{}/v2/bot/message/reply", fake.base_url());
        assert_eq!(http.post(url).bearer_auth(token).json(&reply).send().await.unwrap().status(), 200);
        let mut received = String::new();
        while !received.contains("Chào bạn") {
            let chunk = tokio::time::timeout(std::time::Duration::from_secs(5), stream.chunk()).await.unwrap();
            received.push_str(&String::from_utf8_lossy(&chunk.unwrap().unwrap()));
        }
        assert!(received.contains("event: delivered"), "{received}");
        assert!(received.contains(&user));

        let postback = json!({ "userId": user, "postback": "step=2", "displayText": "Có" });
        http.post(format!("{base}/simulator/api/send")).json(&postback).send().await.unwrap();
        assert_eq!(seen.lock().unwrap()[2]["events"][0]["postback"]["data"], "step=2");

        let history: Value =
            http.get(format!("{base}/simulator/api/history?userId={user}")).send().await.unwrap().json().await.unwrap();
        let expected = json!([
            { "from": "user", "kind": "text", "text": "xin chào" },
            { "from": "bot", "via": "reply", "messages": [{ "type": "text", "text": "Chào bạn" }] },
            { "from": "user", "kind": "postback", "text": "Có" },
        ]);
        assert_eq!(history["items"], expected);

        // Shutting down ends the event stream.
        shutdown.cancel();
        let end = tokio::time::timeout(std::time::Duration::from_secs(5), async {
            while let Ok(Some(_)) = stream.chunk().await {}
        });
        assert!(end.await.is_ok(), "the event stream should end on shutdown");
    }
}
