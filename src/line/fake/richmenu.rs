//! The fake's rich menus: create, validate, list, get and delete menus; upload and download
//! their images (the api-data.line.me path, on the same router); aliases; the default menu;
//! per-user links (Messaging API reference, "Rich menu"; `messaging-api.yml` paths
//! `/v2/bot/richmenu…` and `/v2/bot/user/{userId}/richmenu…`). What is checked is in
//! `richmenu_check.rs`.
//!
//! Modelling choices the reference leaves open: deleting a menu also drops the aliases, the
//! default and the links that named it (a deleted menu is shown to no one); a user id must
//! have the real format but need not be a friend.

use std::collections::{BTreeMap, HashMap};

use axum::extract::{Path, Request, State as AxState};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::Router;
use bytes::Bytes;
use serde_json::{json, Value};

use super::api::{header_str, serve, Answer, AnswerBody, Req};
use super::endpoints::json_object;
use super::richmenu_check::{self as check, MAX_IMAGE_BYTES};
use super::validate::detail;
use super::{ids, Endpoint, FakeLine};

/// The channel's rich menus.
#[derive(Default)]
pub(super) struct RichMenus {
    menus: Vec<Menu>,
    aliases: BTreeMap<String, String>,
    default: Option<String>,
    links: HashMap<String, String>,
}

struct Menu {
    id: String,
    body: serde_json::Map<String, Value>,
    image: Option<(&'static str, Bytes)>,
}

/// A menu as tests and the simulator see it.
#[derive(Debug, Clone, PartialEq)]
pub struct FakeRichMenu {
    pub rich_menu_id: String,
    /// The rich menu object as created (`size`, `name`, `chatBarText`, `areas`…).
    pub menu: Value,
    pub image: Option<Bytes>,
}

impl RichMenus {
    fn find(&self, id: &str) -> Option<&Menu> {
        self.menus.iter().find(|m| m.id == id)
    }

    fn public(m: &Menu) -> FakeRichMenu {
        FakeRichMenu {
            rich_menu_id: m.id.clone(),
            menu: Value::Object(m.body.clone()),
            image: m.image.clone().map(|i| i.1),
        }
    }

    fn response(m: &Menu) -> Value {
        let mut body = m.body.clone();
        body.insert("richMenuId".into(), json!(m.id));
        Value::Object(body)
    }
}

impl FakeLine {
    /// Every menu, in the order created.
    pub fn rich_menus(&self) -> Vec<FakeRichMenu> {
        self.state().rich.menus.iter().map(RichMenus::public).collect()
    }

    /// Alias id → rich menu id.
    pub fn rich_menu_aliases(&self) -> BTreeMap<String, String> {
        self.state().rich.aliases.clone()
    }

    pub fn default_rich_menu(&self) -> Option<String> {
        self.state().rich.default.clone()
    }

    /// The menu linked to this user, if any (not the default).
    pub fn linked_rich_menu(&self, user_id: &str) -> Option<String> {
        self.state().rich.links.get(user_id).cloned()
    }

    /// What the user sees under the chat: their own menu, else the default.
    pub fn rich_menu_shown_to(&self, user_id: &str) -> Option<FakeRichMenu> {
        let state = self.state();
        let rich = &state.rich;
        let id = rich.links.get(user_id).or(rich.default.as_ref())?;
        rich.find(id).map(RichMenus::public)
    }
}

/// A handler without a path parameter.
macro_rules! plain {
    ($handler:expr) => {
        |s: AxState<FakeLine>, r: Request| serve(s.0, Some(Endpoint::RichMenu), String::new(), r, $handler)
    };
}

/// A handler of one path parameter (a menu, alias or user id).
macro_rules! by_id {
    ($handler:expr) => {
        |s: AxState<FakeLine>, Path(id): Path<String>, r: Request| serve(s.0, Some(Endpoint::RichMenu), id, r, $handler)
    };
}

/// The rich-menu routes, merged into the fake's router.
pub(super) fn router() -> Router<FakeLine> {
    Router::new()
        .route("/v2/bot/richmenu", post(plain!(create)))
        .route("/v2/bot/richmenu/validate", post(plain!(validate)))
        .route("/v2/bot/richmenu/list", get(plain!(list)))
        .route("/v2/bot/richmenu/{id}", get(by_id!(get_menu)).delete(by_id!(delete_menu)))
        .route("/v2/bot/richmenu/{id}/content", post(by_id!(upload)).get(by_id!(download)))
        .route("/v2/bot/richmenu/alias", post(plain!(create_alias)))
        .route("/v2/bot/richmenu/alias/list", get(plain!(alias_list)))
        .route("/v2/bot/richmenu/alias/{id}", post(by_id!(update_alias)).delete(by_id!(delete_alias)))
        .route("/v2/bot/user/all/richmenu", get(plain!(get_default)).delete(plain!(cancel_default)))
        .route("/v2/bot/user/all/richmenu/{id}", post(by_id!(set_default)))
        .route(
            "/v2/bot/user/{user}/richmenu/{id}",
            post(|s: AxState<FakeLine>, Path((user, id)): Path<(String, String)>, r: Request| {
                serve(s.0, Some(Endpoint::RichMenu), format!("{user}/{id}"), r, link)
            }),
        )
        .route("/v2/bot/user/{user}/richmenu", get(by_id!(user_menu)).delete(by_id!(unlink)))
}

fn not_found() -> Answer {
    Answer::error(StatusCode::NOT_FOUND, "Not found")
}

fn ok() -> Answer {
    Answer::json(StatusCode::OK, json!({}))
}

fn create(line: &FakeLine, req: &Req) -> Answer {
    let body = match json_object(&req.raw) {
        Ok(body) => body,
        Err(answer) => return answer,
    };
    let details = check::menu(&body);
    if !details.is_empty() {
        return Answer::invalid(details);
    }
    let id = format!("richmenu-{}", ids::hex32());
    line.state().rich.menus.push(Menu { id: id.clone(), body, image: None });
    Answer::json(StatusCode::OK, json!({ "richMenuId": id }))
}

fn validate(_line: &FakeLine, req: &Req) -> Answer {
    match json_object(&req.raw).map(|body| check::menu(&body)) {
        Ok(details) if details.is_empty() => ok(),
        Ok(details) => Answer::invalid(details),
        Err(answer) => answer,
    }
}

fn list(line: &FakeLine, _req: &Req) -> Answer {
    let menus: Vec<Value> = line.state().rich.menus.iter().map(RichMenus::response).collect();
    Answer::json(StatusCode::OK, json!({ "richmenus": menus }))
}

fn get_menu(line: &FakeLine, req: &Req) -> Answer {
    match line.state().rich.find(&req.param) {
        Some(m) => Answer::json(StatusCode::OK, RichMenus::response(m)),
        None => not_found(),
    }
}

fn delete_menu(line: &FakeLine, req: &Req) -> Answer {
    let mut state = line.state();
    let rich = &mut state.rich;
    let before = rich.menus.len();
    rich.menus.retain(|m| m.id != req.param);
    if rich.menus.len() == before {
        return not_found();
    }
    rich.aliases.retain(|_, id| *id != req.param);
    rich.links.retain(|_, id| *id != req.param);
    if rich.default.as_deref() == Some(req.param.as_str()) {
        rich.default = None;
    }
    ok()
}

fn upload(line: &FakeLine, req: &Req) -> Answer {
    let content_type = header_str(&req.headers, "content-type").unwrap_or("").split(';').next().unwrap_or("").trim();
    let content_type: &'static str = match content_type {
        "image/png" => "image/png",
        "image/jpeg" => "image/jpeg",
        _ => return Answer::error(StatusCode::UNSUPPORTED_MEDIA_TYPE, "Content-Type must be image/jpeg or image/png"),
    };
    let mut state = line.state();
    let Some(menu) = state.rich.menus.iter_mut().find(|m| m.id == req.param) else { return not_found() };
    if menu.image.is_some() {
        // A menu's image cannot be replaced: make a new menu instead (reference, "Upload rich menu
        // image"; LINE staff in line/line-platform-feedback #57). The text is ours (unverified).
        return Answer::error(StatusCode::BAD_REQUEST, "An image has already been uploaded to the richmenu");
    }
    if req.raw.len() > MAX_IMAGE_BYTES {
        return Answer::error(StatusCode::PAYLOAD_TOO_LARGE, "Request Entity Too Large");
    }
    let size = (menu.body["size"]["width"].as_u64(), menu.body["size"]["height"].as_u64());
    match check::image_size(&req.raw, content_type) {
        Some((w, h)) if (Some(u64::from(w)), Some(u64::from(h))) == size => {}
        Some(_) => return Answer::error(StatusCode::BAD_REQUEST, "The image size does not match the rich menu size"),
        None => return Answer::error(StatusCode::BAD_REQUEST, "The image could not be read as a PNG or JPEG"),
    }
    menu.image = Some((content_type, req.raw.clone()));
    ok()
}

fn download(line: &FakeLine, req: &Req) -> Answer {
    match line.state().rich.find(&req.param).and_then(|m| m.image.clone()) {
        Some((content_type, bytes)) => {
            Answer { status: StatusCode::OK, body: AnswerBody::Bytes(content_type, bytes), headers: Vec::new() }
        }
        None => not_found(),
    }
}

/// `^[a-z0-9_-]{1,32}$` (`CreateRichMenuAliasRequest.richMenuAliasId`).
fn alias_id_ok(id: &str) -> bool {
    (1..=32).contains(&id.len()) && id.bytes().all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-'))
}

fn create_alias(line: &FakeLine, req: &Req) -> Answer {
    let body = match json_object(&req.raw) {
        Ok(body) => body,
        Err(answer) => return answer,
    };
    let alias = body.get("richMenuAliasId").and_then(Value::as_str).unwrap_or("");
    let menu = body.get("richMenuId").and_then(Value::as_str).unwrap_or("");
    if !alias_id_ok(alias) {
        return Answer::invalid(vec![detail("Must match ^[a-z0-9_-]{1,32}$", "richMenuAliasId")]);
    }
    let mut state = line.state();
    if state.rich.find(menu).is_none() {
        return Answer::invalid(vec![detail("richmenu not found", "richMenuId")]);
    }
    if state.rich.aliases.contains_key(alias) {
        // An alias id is unique per channel (`CreateRichMenuAliasRequest`); the text is unverified.
        return Answer::error(StatusCode::BAD_REQUEST, "conflict richmenu alias id");
    }
    state.rich.aliases.insert(alias.to_owned(), menu.to_owned());
    ok()
}

fn alias_list(line: &FakeLine, _req: &Req) -> Answer {
    let aliases: Vec<Value> = line
        .state()
        .rich
        .aliases
        .iter()
        .map(|(alias, menu)| json!({ "richMenuAliasId": alias, "richMenuId": menu }))
        .collect();
    Answer::json(StatusCode::OK, json!({ "aliases": aliases }))
}

fn update_alias(line: &FakeLine, req: &Req) -> Answer {
    let body = match json_object(&req.raw) {
        Ok(body) => body,
        Err(answer) => return answer,
    };
    let menu = body.get("richMenuId").and_then(Value::as_str).unwrap_or("");
    let mut state = line.state();
    if state.rich.find(menu).is_none() {
        return Answer::invalid(vec![detail("richmenu not found", "richMenuId")]);
    }
    match state.rich.aliases.get_mut(&req.param) {
        Some(target) => {
            *target = menu.to_owned();
            ok()
        }
        None => not_found(),
    }
}

fn delete_alias(line: &FakeLine, req: &Req) -> Answer {
    match line.state().rich.aliases.remove(&req.param) {
        Some(_) => ok(),
        None => not_found(),
    }
}

/// A menu that can be shown: it exists and has its image.
fn showable(rich: &RichMenus, id: &str) -> Result<(), Answer> {
    match rich.find(id) {
        None => Err(not_found()),
        // A menu without an image cannot be shown (LINE's rich-menu guide); the text is the
        // one developers report, not verified against a real response.
        Some(m) if m.image.is_none() => {
            Err(Answer::error(StatusCode::BAD_REQUEST, "must upload richmenu image before applying it to user"))
        }
        Some(_) => Ok(()),
    }
}

fn set_default(line: &FakeLine, req: &Req) -> Answer {
    let mut state = line.state();
    if let Err(answer) = showable(&state.rich, &req.param) {
        return answer;
    }
    state.rich.default = Some(req.param.clone());
    ok()
}

fn get_default(line: &FakeLine, _req: &Req) -> Answer {
    match &line.state().rich.default {
        Some(id) => Answer::json(StatusCode::OK, json!({ "richMenuId": id })),
        None => Answer::error(StatusCode::NOT_FOUND, "no default richmenu"),
    }
}

fn cancel_default(line: &FakeLine, _req: &Req) -> Answer {
    line.state().rich.default = None;
    ok()
}

fn link(line: &FakeLine, req: &Req) -> Answer {
    let (user, id) = req.param.split_once('/').unwrap_or(("", ""));
    if !ids::is_chat_id(user, &['U']) {
        return Answer::error(StatusCode::BAD_REQUEST, "The value of userId is invalid");
    }
    let mut state = line.state();
    if let Err(answer) = showable(&state.rich, id) {
        return answer;
    }
    state.rich.links.insert(user.to_owned(), id.to_owned());
    ok()
}

fn user_menu(line: &FakeLine, req: &Req) -> Answer {
    match line.state().rich.links.get(&req.param) {
        Some(id) => Answer::json(StatusCode::OK, json!({ "richMenuId": id })),
        None => Answer::error(StatusCode::NOT_FOUND, "the user has no richmenu"),
    }
}

fn unlink(line: &FakeLine, req: &Req) -> Answer {
    line.state().rich.links.remove(&req.param);
    ok()
}
