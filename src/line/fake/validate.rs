//! Message-object validation for the fake's reply/push endpoints, with LINE's error details.
//!
//! Limits from LINE's Messaging API reference, "Message objects" (and `messaging-api.yml`
//! `Message`, `QuickReply`, `Sender`, `PostbackAction`): 1–5 messages, a known message `type`,
//! text ≤ 5000 UTF-16 code units, `quickReply.items` ≤ 13, quick-reply `action.label` ≤ 20
//! characters (unverified limit; counted as `char`s, the docs say grapheme clusters), no
//! `richmenuswitch` in quick reply, postback `data` ≤ 300, `sender.name` ≤ 20. Flex messages
//! ("Flex Message", "Flex Message elements"): `altText` required, ≤ 1500; a `bubble` or
//! `carousel` of known components (a box has `layout` and `contents`, a button an `action`).
//! Any action's label ≤ 20, a URI action's `uri` ≤ 1000 with http, https, line or tel
//! ("URI action"). Detail texts follow real bodies (reference, "Error responses") where one
//! is known; the others are ours.

use serde_json::{json, Value};

/// `Message.discriminator.mapping` in `messaging-api.yml` (it also lists `coupon`, so we accept it).
pub(super) const MESSAGE_TYPES: &[&str] =
    &["text", "textV2", "sticker", "image", "video", "audio", "location", "imagemap", "template", "flex", "coupon"];

/// `Action.discriminator.mapping` in `messaging-api.yml`.
const ACTION_TYPES: &[&str] = &[
    "camera",
    "cameraRoll",
    "clipboard",
    "datetimepicker",
    "location",
    "message",
    "postback",
    "richmenuswitch",
    "uri",
];

pub(super) const MAX_TEXT_UTF16: usize = 5000;
pub(super) const MAX_QUICK_REPLY_ITEMS: usize = 13;
pub(super) const MAX_LABEL_CHARS: usize = 20;
pub(super) const MAX_POSTBACK_DATA: usize = 300;
pub(super) const MAX_SENDER_NAME: usize = 20;
pub(super) const MAX_ALT_TEXT: usize = 1500;
pub(super) const MAX_URI: usize = 1000;
const URI_SCHEMES: &[&str] = &["http", "https", "line", "tel"];
/// `FlexComponent.discriminator.mapping` in `messaging-api.yml`.
const FLEX_COMPONENTS: &[&str] = &["box", "button", "image", "video", "icon", "text", "span", "separator", "filler"];

/// One `details[]` entry of LINE's `ErrorResponse`.
pub(super) fn detail(message: &str, property: &str) -> Value {
    json!({ "message": message, "property": property })
}

/// Validates the `messages` property of a reply/push/validate body; returns the error details.
pub(super) fn messages(messages: Option<&Value>) -> Vec<Value> {
    let mut errors = Vec::new();
    let Some(list) = messages.and_then(Value::as_array) else {
        errors.push(detail("May not be empty", "messages"));
        return errors;
    };
    if list.is_empty() || list.len() > 5 {
        errors.push(detail("Size must be between 1 and 5", "messages"));
    }
    for (i, message) in list.iter().enumerate() {
        one_message(message, &format!("messages[{i}]"), &mut errors);
    }
    errors
}

fn one_message(message: &Value, path: &str, errors: &mut Vec<Value>) {
    let Some(obj) = message.as_object() else {
        errors.push(detail("Must be an object", path));
        return;
    };
    let kind = obj.get("type").and_then(Value::as_str).unwrap_or("");
    if !MESSAGE_TYPES.contains(&kind) {
        let allowed = MESSAGE_TYPES.join(", ");
        errors.push(detail(&format!("Must be one of the following values: [{allowed}]"), &format!("{path}.type")));
    }
    if kind == "text" || kind == "textV2" {
        match obj.get("text").and_then(Value::as_str) {
            None | Some("") => errors.push(detail("May not be empty", &format!("{path}.text"))),
            // Counted in UTF-16 code units: 🍎 counts 2 (LINE Developers, "Text character count").
            Some(text) if text.encode_utf16().count() > MAX_TEXT_UTF16 => {
                errors.push(detail(&format!("Length must be between 0 and {MAX_TEXT_UTF16}"), &format!("{path}.text")))
            }
            Some(_) => {}
        }
    }
    if let Some(name) = obj.get("sender").and_then(|s| s.get("name")).and_then(Value::as_str) {
        if name.chars().count() > MAX_SENDER_NAME {
            errors.push(detail(
                &format!("Length must be between 0 and {MAX_SENDER_NAME}"),
                &format!("{path}.sender.name"),
            ));
        }
    }
    if let Some(quick_reply) = obj.get("quickReply") {
        self::quick_reply(quick_reply, &format!("{path}.quickReply"), errors);
    }
    if kind == "flex" {
        flex(obj, path, errors);
    }
    // Postback data anywhere else in the message (templates, flex, imagemaps).
    for (key, value) in obj {
        if key != "quickReply" {
            nested_actions(value, &format!("{path}.{key}"), errors);
        }
    }
}

fn quick_reply(quick_reply: &Value, path: &str, errors: &mut Vec<Value>) {
    let Some(items) = quick_reply.get("items").and_then(Value::as_array) else {
        errors.push(detail("May not be empty", &format!("{path}.items")));
        return;
    };
    if items.len() > MAX_QUICK_REPLY_ITEMS {
        errors.push(detail(&format!("Size must be between 0 and {MAX_QUICK_REPLY_ITEMS}"), &format!("{path}.items")));
    }
    for (j, item) in items.iter().enumerate() {
        let item_path = format!("{path}.items[{j}]");
        let Some(action) = item.get("action").filter(|a| a.is_object()) else {
            errors.push(detail("May not be empty", &format!("{item_path}.action")));
            continue;
        };
        let action_path = format!("{item_path}.action");
        if action.get("type").and_then(Value::as_str) == Some("richmenuswitch") {
            // "Rich menu switch action is not allowed in quick reply" (LINE Developers, "Using quick replies").
            errors.push(detail(
                "Rich menu switch action is not supported in quick reply",
                &format!("{action_path}.type"),
            ));
        }
        self::action(action, &action_path, errors);
    }
}

/// The error details of one action outside a message (a rich-menu area's): its type,
/// label (≤ 20, as for quick-reply buttons), `data` and `uri`.
pub(super) fn action_details(action: &Value, path: &str) -> Vec<Value> {
    let mut errors = Vec::new();
    self::action(action, path, &mut errors);
    errors
}

/// Checks one action object (type known, label ≤ 20, postback/datetimepicker `data` ≤ 300,
/// a URI action's `uri`).
fn action(action: &Value, path: &str, errors: &mut Vec<Value>) {
    let kind = action.get("type").and_then(Value::as_str).unwrap_or("");
    if !ACTION_TYPES.contains(&kind) {
        let allowed = ACTION_TYPES.join(", ");
        errors.push(detail(&format!("Must be one of the following values: [{allowed}]"), &format!("{path}.type")));
    }
    if let Some(label) = action.get("label").and_then(Value::as_str) {
        if label.chars().count() > MAX_LABEL_CHARS {
            errors.push(detail(&format!("Length must be between 0 and {MAX_LABEL_CHARS}"), &format!("{path}.label")));
        }
    }
    if kind == "uri" {
        let uri = action.get("uri").and_then(Value::as_str).unwrap_or("");
        let scheme = uri.split_once(':').map(|(s, _)| s.to_ascii_lowercase()).unwrap_or_default();
        if !URI_SCHEMES.contains(&scheme.as_str()) || uri.chars().count() > MAX_URI {
            errors.push(detail("invalid uri", &format!("{path}.uri")));
        }
    }
    if matches!(kind, "postback" | "datetimepicker" | "richmenuswitch") {
        if let Some(data) = action.get("data").and_then(Value::as_str) {
            if data.chars().count() > MAX_POSTBACK_DATA {
                errors.push(detail(
                    &format!("Length must be between 0 and {MAX_POSTBACK_DATA}"),
                    &format!("{path}.data"),
                ));
            }
        }
    }
}

/// A flex message's `altText` and container: a bubble, or a carousel of bubbles.
fn flex(obj: &serde_json::Map<String, Value>, path: &str, errors: &mut Vec<Value>) {
    match obj.get("altText").and_then(Value::as_str) {
        None | Some("") => errors.push(detail("May not be empty", &format!("{path}.altText"))),
        Some(alt) if alt.encode_utf16().count() > MAX_ALT_TEXT => {
            errors.push(detail(&format!("Length must be between 0 and {MAX_ALT_TEXT}"), &format!("{path}.altText")))
        }
        Some(_) => {}
    }
    let contents = obj.get("contents").unwrap_or(&Value::Null);
    let at = format!("{path}.contents");
    match contents.get("type").and_then(Value::as_str) {
        Some("bubble") => bubble(contents, &at, errors),
        Some("carousel") => match contents.get("contents").and_then(Value::as_array) {
            Some(list) if !list.is_empty() => {
                for (i, b) in list.iter().enumerate() {
                    bubble(b, &format!("{at}.contents[{i}]"), errors);
                }
            }
            _ => errors.push(detail("May not be empty", &format!("{at}.contents"))),
        },
        _ => errors.push(detail("Must be one of the following values: [bubble, carousel]", &format!("{at}.type"))),
    }
}

fn bubble(b: &Value, path: &str, errors: &mut Vec<Value>) {
    if b.get("type").and_then(Value::as_str) != Some("bubble") {
        errors.push(detail("Must be one of the following values: [bubble]", &format!("{path}.type")));
    }
    for block in ["header", "hero", "body", "footer"] {
        if let Some(c) = b.get(block) {
            component(c, &format!("{path}.{block}"), errors);
        }
    }
}

/// One flex component and, for a box, its children.
fn component(c: &Value, path: &str, errors: &mut Vec<Value>) {
    let kind = c.get("type").and_then(Value::as_str).unwrap_or("");
    if !FLEX_COMPONENTS.contains(&kind) {
        let allowed = FLEX_COMPONENTS.join(", ");
        errors.push(detail(&format!("Must be one of the following values: [{allowed}]"), &format!("{path}.type")));
        return;
    }
    match kind {
        "box" => {
            if c.get("layout").and_then(Value::as_str).is_none() {
                errors.push(detail("May not be empty", &format!("{path}.layout")));
            }
            match c.get("contents").and_then(Value::as_array) {
                Some(list) => {
                    for (i, child) in list.iter().enumerate() {
                        component(child, &format!("{path}.contents[{i}]"), errors);
                    }
                }
                None => errors.push(detail("May not be empty", &format!("{path}.contents"))),
            }
        }
        "button" if !c.get("action").is_some_and(Value::is_object) => {
            errors.push(detail("May not be empty", &format!("{path}.action")))
        }
        "text" if c.get("text").and_then(Value::as_str).unwrap_or("").is_empty() && c.get("contents").is_none() => {
            errors.push(detail("May not be empty", &format!("{path}.text")))
        }
        _ => {}
    }
}

/// Walks templates/flex/imagemaps for `action`/`actions`/`defaultAction` objects.
fn nested_actions(value: &Value, path: &str, errors: &mut Vec<Value>) {
    match value {
        Value::Object(obj) => {
            for (key, child) in obj {
                let child_path = format!("{path}.{key}");
                match (key.as_str(), child) {
                    ("action" | "defaultAction", Value::Object(_)) => action(child, &child_path, errors),
                    ("actions", Value::Array(list)) => {
                        for (k, a) in list.iter().enumerate() {
                            action(a, &format!("{child_path}[{k}]"), errors);
                        }
                    }
                    _ => nested_actions(child, &child_path, errors),
                }
            }
        }
        Value::Array(list) => {
            for (k, child) in list.iter().enumerate() {
                nested_actions(child, &format!("{path}[{k}]"), errors);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn properties(errors: &[Value]) -> Vec<&str> {
        errors.iter().map(|e| e["property"].as_str().unwrap()).collect()
    }

    fn chip(i: usize) -> Value {
        json!({"type": "action", "action": {"type": "message", "label": format!("L{i}"), "text": "x"}})
    }

    #[test]
    fn a_plain_text_message_is_valid() {
        assert!(messages(Some(&json!([{"type": "text", "text": "こんにちは"}]))).is_empty());
    }

    #[test]
    fn message_count_must_be_one_to_five() {
        assert_eq!(properties(&messages(Some(&json!([])))), ["messages"]);
        let six: Vec<Value> = (0..6).map(|_| json!({"type": "text", "text": "a"})).collect();
        assert_eq!(properties(&messages(Some(&Value::Array(six)))), ["messages"]);
        assert_eq!(properties(&messages(None)), ["messages"]);
    }

    #[test]
    fn text_length_counts_utf16_code_units() {
        let ok = "a".repeat(MAX_TEXT_UTF16);
        assert!(messages(Some(&json!([{"type": "text", "text": ok}]))).is_empty());
        // 2501 apples are 2501 chars but 5002 UTF-16 code units.
        let apples = "🍎".repeat(2501);
        let errors = messages(Some(&json!([{"type": "text", "text": apples}])));
        assert_eq!(properties(&errors), ["messages[0].text"]);
        let empty = messages(Some(&json!([{"type": "text", "text": ""}])));
        assert_eq!(empty[0]["message"], "May not be empty");
    }

    #[test]
    fn unknown_message_type_lists_the_allowed_values() {
        let errors = messages(Some(&json!([{"type": "text", "text": "a"}, {"type": "richmessage"}])));
        assert_eq!(properties(&errors), ["messages[1].type"]);
        assert!(errors[0]["message"].as_str().unwrap().starts_with("Must be one of the following values: [text,"));
    }

    #[test]
    fn quick_reply_limits() {
        let items: Vec<Value> = (0..14).map(chip).collect();
        let errors = messages(Some(&json!([{"type": "text", "text": "a", "quickReply": {"items": items}}])));
        assert_eq!(properties(&errors), ["messages[0].quickReply.items"]);

        let bad = json!([{"type": "text", "text": "a", "quickReply": {"items": [
            {"type": "action", "action": {"type": "richmenuswitch", "label": "menu", "richMenuAliasId": "a", "data": "d"}},
            {"type": "action", "action": {"type": "message", "label": "x".repeat(21), "text": "x"}},
            {"type": "action", "action": {"type": "postback", "label": "ok", "data": "d".repeat(301)}},
        ]}}]);
        assert_eq!(
            properties(&messages(Some(&bad))),
            [
                "messages[0].quickReply.items[0].action.type",
                "messages[0].quickReply.items[1].action.label",
                "messages[0].quickReply.items[2].action.data",
            ]
        );
        // 20 characters is fine even when they are multi-byte.
        let label = json!([{"type": "text", "text": "a", "quickReply": {"items": [
            {"type": "action", "action": {"type": "message", "label": "あ".repeat(20), "text": "x"}}]}}]);
        assert!(messages(Some(&label)).is_empty());
    }

    #[test]
    fn a_flex_bubble_is_checked_as_line_does() {
        let button =
            |label: &str, uri: &str| json!({"type": "button", "action": {"type": "uri", "label": label, "uri": uri}});
        let good = json!([{"type": "flex", "altText": "通知", "contents": {"type": "bubble",
            "body": {"type": "box", "layout": "vertical", "contents": [{"type": "text", "text": "受付番号", "wrap": true}]},
            "footer": {"type": "box", "layout": "vertical", "contents": [
                {"type": "button", "action": {"type": "message", "label": "対応します", "text": "対応します 261205-0001"}},
                button("開く", "https://fd.example/staff/cases/261205-0001")]}}}]);
        assert!(messages(Some(&good)).is_empty(), "{:?}", messages(Some(&good)));

        let bad = json!([{"type": "flex", "contents": {"type": "bubble",
            "body": {"type": "box", "layout": "vertical", "contents": [{"type": "paragraph", "text": "x"}, {"type": "button"}]},
            "footer": {"type": "box", "contents": [button(&"あ".repeat(21), "javascript:alert(1)")]}}}]);
        assert_eq!(
            properties(&messages(Some(&bad))),
            [
                "messages[0].altText",
                "messages[0].contents.body.contents[0].type",
                "messages[0].contents.body.contents[1].action",
                "messages[0].contents.footer.layout",
                "messages[0].contents.footer.contents[0].action.label",
                "messages[0].contents.footer.contents[0].action.uri",
            ]
        );
        let long =
            json!([{"type": "flex", "altText": "a".repeat(1501), "contents": {"type": "carousel", "contents": []}}]);
        assert_eq!(properties(&messages(Some(&long))), ["messages[0].altText", "messages[0].contents.contents"]);
    }

    #[test]
    fn postback_data_is_checked_inside_templates_and_sender_name_is_limited() {
        let template = json!([{"type": "template", "altText": "a", "template": {"type": "buttons", "text": "t",
            "actions": [{"type": "postback", "label": "a", "data": "d".repeat(301)}]}}]);
        assert_eq!(properties(&messages(Some(&template))), ["messages[0].template.actions[0].data"]);
        let sender = json!([{"type": "text", "text": "a", "sender": {"name": "n".repeat(21)}}]);
        assert_eq!(properties(&messages(Some(&sender))), ["messages[0].sender.name"]);
    }
}
