//! The fake's checks of rich menus and their images, with LINE's rules.
//!
//! From LINE's rich-menu guide ("Rich menu image requirements") and `messaging-api.yml`
//! (`RichMenuRequest`, `RichMenuResponse`): width 800–2500 px, height ≥ 250 px, width ÷ height
//! ≥ 1.45 (2500×1686 and 2500×843 are the usual sizes); `name` ≤ 300; `chatBarText` ≤ 14
//! (counted as `char`s here, grapheme clusters in LINE's "Text character count"); at most 20
//! areas, each inside the image; each area's action valid as in messages. Images are PNG or
//! JPEG of at most 1 MB, exactly the menu's size. Detail texts are ours unless noted.

use serde_json::Value;

use super::validate::{action_details, detail};
use crate::line::richmenu::png_size;

pub(super) const MAX_AREAS: usize = 20;
pub(super) const MAX_CHAT_BAR_TEXT: usize = 14;
pub(super) const MAX_NAME: usize = 300;
pub(super) const MAX_IMAGE_BYTES: usize = 1024 * 1024;

/// The error details of a rich menu object; empty when LINE would accept it.
pub(super) fn menu(body: &serde_json::Map<String, Value>) -> Vec<Value> {
    let mut errors = Vec::new();
    let width = body.get("size").and_then(|s| s.get("width")).and_then(Value::as_u64);
    let height = body.get("size").and_then(|s| s.get("height")).and_then(Value::as_u64);
    let size = match (width, height) {
        (Some(w), Some(h)) if (800..=2500).contains(&w) && h >= 250 && w as f64 / h as f64 >= 1.45 => Some((w, h)),
        (Some(_), Some(_)) => {
            errors.push(detail("Width must be 800 to 2500, height at least 250, width/height at least 1.45", "size"));
            None
        }
        _ => {
            errors.push(detail("must be specified", "size"));
            None
        }
    };
    if !body.get("selected").is_some_and(Value::is_boolean) {
        errors.push(detail("must be specified", "selected"));
    }
    text(body, "name", MAX_NAME, &mut errors);
    text(body, "chatBarText", MAX_CHAT_BAR_TEXT, &mut errors);
    let Some(areas) = body.get("areas").and_then(Value::as_array) else {
        errors.push(detail("must be specified", "areas"));
        return errors;
    };
    if areas.len() > MAX_AREAS {
        errors.push(detail(&format!("Size must be between 0 and {MAX_AREAS}"), "areas"));
    }
    for (i, area) in areas.iter().enumerate() {
        let path = format!("areas[{i}]");
        if let Some((w, h)) = size {
            if !inside(area.get("bounds"), w, h) {
                errors.push(detail("The area must be inside the rich menu", &format!("{path}.bounds")));
            }
        }
        match area.get("action") {
            Some(action) if action.is_object() => errors.extend(action_details(action, &format!("{path}.action"))),
            _ => errors.push(detail("must be specified", &format!("{path}.action"))),
        }
    }
    errors
}

fn text(body: &serde_json::Map<String, Value>, key: &str, max: usize, errors: &mut Vec<Value>) {
    match body.get(key).and_then(Value::as_str) {
        None => errors.push(detail("must be specified", key)),
        Some(t) if t.chars().count() > max => errors.push(detail(&format!("Length must be between 0 and {max}"), key)),
        Some(_) => {}
    }
}

fn inside(bounds: Option<&Value>, width: u64, height: u64) -> bool {
    let get = |k: &str| bounds.and_then(|b| b.get(k)).and_then(Value::as_u64);
    match (get("x"), get("y"), get("width"), get("height")) {
        (Some(x), Some(y), Some(w), Some(h)) => w >= 1 && h >= 1 && x + w <= width && y + h <= height,
        _ => false,
    }
}

/// An image's (width, height) read from its header: PNG's IHDR, or a JPEG's first
/// start-of-frame marker. `None` for anything else.
pub(super) fn image_size(bytes: &[u8], content_type: &str) -> Option<(u32, u32)> {
    match content_type {
        "image/png" => png_size(bytes),
        "image/jpeg" => jpeg_size(bytes),
        _ => None,
    }
}

fn jpeg_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.get(..2)? != [0xFF, 0xD8] {
        return None;
    }
    let mut i = 2;
    while i + 9 < bytes.len() {
        if bytes[i] != 0xFF {
            return None;
        }
        let marker = bytes[i + 1];
        let len = u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]) as usize;
        // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
        if (0xC0..=0xCF).contains(&marker) && ![0xC4, 0xC8, 0xCC].contains(&marker) {
            let h = u16::from_be_bytes([bytes[i + 5], bytes[i + 6]]) as u32;
            let w = u16::from_be_bytes([bytes[i + 7], bytes[i + 8]]) as u32;
            return Some((w, h));
        }
        i += 2 + len;
    }
    None
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn properties(errors: &[Value]) -> Vec<&str> {
        errors.iter().map(|e| e["property"].as_str().unwrap()).collect()
    }

    fn area(x: u64, y: u64, w: u64, h: u64) -> Value {
        json!({"bounds": {"x": x, "y": y, "width": w, "height": h},
               "action": {"type": "postback", "label": "a", "data": "cmd:status", "displayText": "a"}})
    }

    fn body(value: Value) -> serde_json::Map<String, Value> {
        value.as_object().unwrap().clone()
    }

    #[test]
    fn a_half_height_menu_with_four_areas_is_valid() {
        let areas: Vec<Value> = vec![area(0, 0, 1250, 421), area(1250, 0, 1250, 421), area(0, 421, 1250, 422)];
        let ok = body(json!({"size": {"width": 2500, "height": 843}, "selected": false, "name": "n",
            "chatBarText": "メニュー", "areas": areas}));
        assert!(menu(&ok).is_empty(), "{:?}", menu(&ok));
    }

    #[test]
    fn sizes_areas_actions_and_chat_bar_text_are_checked() {
        let too_many: Vec<Value> = (0..21).map(|i| area(i * 10, 0, 10, 10)).collect();
        let bad = body(json!({"size": {"width": 2500, "height": 843}, "selected": false, "name": "n",
            "chatBarText": "あ".repeat(15), "areas": too_many}));
        assert_eq!(properties(&menu(&bad)), ["chatBarText", "areas"]);
        let outside = body(json!({"size": {"width": 2500, "height": 843}, "selected": false, "name": "n",
            "chatBarText": "m", "areas": [area(1300, 0, 1250, 421),
                {"bounds": {"x": 0, "y": 0, "width": 1, "height": 1}, "action": {"type": "teleport"}}]}));
        assert_eq!(properties(&menu(&outside)), ["areas[0].bounds", "areas[1].action.type"]);
        let square = body(json!({"size": {"width": 1000, "height": 1000}, "selected": false, "name": "n",
            "chatBarText": "m", "areas": []}));
        assert_eq!(properties(&menu(&square)), ["size"]);
        let empty = body(json!({}));
        assert_eq!(properties(&menu(&empty)), ["size", "selected", "name", "chatBarText", "areas"]);
    }

    #[test]
    fn image_sizes_are_read_from_png_and_jpeg_headers() {
        let png = include_bytes!("../../../assets/richmenu/ja.png");
        assert_eq!(image_size(png, "image/png"), Some((2500, 843)));
        assert_eq!(image_size(png, "image/jpeg"), None);
        let jpeg = [
            0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x03, 0x4B, 0x09, 0xC4, 0x03,
        ];
        assert_eq!(image_size(&jpeg, "image/jpeg"), Some((2500, 843)));
        assert_eq!(image_size(b"GIF89a....", "image/gif"), None);
    }
}
