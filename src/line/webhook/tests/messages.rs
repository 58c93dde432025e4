//! Unit tests of `line::webhook` message types: text (escapes, lone surrogates, deep nesting),
//! media, files, locations, stickers and the fallbacks to `MessageContent::Unknown`.

use serde_json::Value;

use super::super::parse::replace_lone_surrogates;
use super::*;

// --- message types --------------------------------------------------------------

#[test]
fn a_text_message_keeps_all_its_fields() {
    let content = message(
        r#"{"id":"444573844083572737","type":"text","quoteToken":"q3Plxr4AgKd",
            "text":"@All @example Good Morning!! (love)",
            "emojis":[{"index":29,"length":6,"productId":"5ac1bfd5040ab15980c9b435","emojiId":"001"}],
            "mention":{"mentionees":[
                {"index":0,"length":4,"type":"all"},
                {"index":5,"length":8,"userId":"U49585cd0d5b","type":"user","isSelf":false}]},
            "quotedMessageId":"468789577898262530","markAsReadToken":"30yhdy232"}"#,
    );
    assert_eq!(
        content,
        MessageContent::Text(TextMessage {
            id: "444573844083572737".into(),
            text: "@All @example Good Morning!! (love)".into(),
            quote_token: Some("q3Plxr4AgKd".into()),
            emojis: vec![Emoji {
                index: 29,
                length: 6,
                product_id: "5ac1bfd5040ab15980c9b435".into(),
                emoji_id: "001".into(),
            }],
            mention: Some(Mention {
                mentionees: vec![
                    Mentionee { index: 0, length: 4, kind: "all".into(), user_id: None, is_self: None },
                    Mentionee {
                        index: 5,
                        length: 8,
                        kind: "user".into(),
                        user_id: Some("U49585cd0d5b".into()),
                        is_self: Some(false),
                    },
                ],
            }),
            quoted_message_id: Some("468789577898262530".into()),
            mark_as_read_token: Some("30yhdy232".into()),
        })
    );
}

#[test]
fn surrogate_escaped_emoji_decode_in_text() {
    let content = message(r#"{"id":"1","type":"text","text":"\uD83E\uDD28 help \u3042"}"#);
    let MessageContent::Text(text) = content else { panic!("not text") };
    assert_eq!(text.text, "🤨 help あ");
}

#[test]
fn a_lone_surrogate_does_not_fail_the_event() {
    // Valid by the JSON grammar and passed through by `parse_body`, but not a string
    // serde_json will decode. The event must still be read.
    let body = br#"{"events":[{"type":"message","message":{"id":"1","type":"text","text":"a\uD83Eb\\uD83E\uDD28\uD83E\uDD28\uDD28"}}]}"#;
    let parsed = parse_body(body).unwrap();
    let event = parse_event(parsed.events[0].get()).unwrap();
    let EventKind::Message(MessageContent::Text(text)) = event.kind else { panic!("not text") };
    // `\\uD83E` is an escaped backslash then plain text, so the `\uDD28` after it is lone.
    assert_eq!(text.text, "a\u{FFFD}b\\uD83E\u{FFFD}🤨\u{FFFD}");
    assert_eq!(replace_lone_surrogates(r#"{"a":"\uD83E\uDD28 \\uD83E \n"}"#), None);
}

#[test]
fn a_field_nested_too_deep_for_serde_json_does_not_fail_the_event() {
    let deep = format!("{}{}", "[".repeat(300), "]".repeat(300));
    let json = event_json("message", &format!(r#","message":{{"id":"1","type":"text","text":"\uD83Ehi"}},"x":{deep}"#));
    assert!(serde_json::from_str::<Value>(&json).is_err());
    let body = format!(r#"{{"events":[{json}]}}"#);
    let parsed = parse_body(body.as_bytes()).unwrap();
    let event = parse_event(parsed.events[0].get()).unwrap();
    assert_eq!(event.meta.timestamp, 1462629479859);
    let EventKind::Message(MessageContent::Text(text)) = event.kind else { panic!("not text: {:?}", event.kind) };
    assert_eq!(text.text, "\u{FFFD}hi");
    // Deep inside the message, only the message is lost.
    let json = event_json("message", &format!(r#","message":{{"id":"1","type":"text","text":"hi","x":{deep}}}"#));
    assert_eq!(parse(&json).kind, EventKind::Other);
    assert!(matches!(parse_event(&format!("[{deep}]")), Err(WebhookError::NotAnObject)));
    assert!(matches!(parse_event(&format!("{{\"a\":{deep}")), Err(WebhookError::NotJson(_))));
}

#[test]
fn ill_typed_optional_text_fields_are_dropped_not_fatal() {
    let content = message(
        r#"{"id":"1","type":"text","text":"hi","quoteToken":1,"emojis":[{"index":"x"}],"mention":[],"markAsReadToken":null}"#,
    );
    let MessageContent::Text(text) = content else { panic!("not text") };
    assert_eq!(text.text, "hi");
    assert_eq!(text.quote_token, None);
    assert!(text.emojis.is_empty());
    assert_eq!(text.mention, None);
    assert_eq!(text.mark_as_read_token, None);
}

#[test]
fn an_image_message_from_line_with_an_image_set_is_read() {
    let content = message(
        r#"{"type":"image","id":"354718705033693861","contentProvider":{"type":"line"},
            "imageSet":{"id":"E005D41A7288F41B655","index":2,"total":2},"quoteToken":"q"}"#,
    );
    assert_eq!(
        content,
        MessageContent::Image {
            id: "354718705033693861".into(),
            quote_token: Some("q".into()),
            content_provider: ContentProvider {
                kind: "line".into(),
                original_content_url: None,
                preview_image_url: None
            },
            image_set: Some(ImageSet { id: "E005D41A7288F41B655".into(), index: Some(2), total: Some(2) }),
        }
    );
    assert_eq!(content.type_name(), "image");
}

#[test]
fn a_video_message_from_an_external_provider_is_read() {
    let content = message(
        r#"{"id":"2","type":"video","duration":60000,"contentProvider":{"type":"external",
            "originalContentUrl":"https://example.com/o.mp4","previewImageUrl":"https://example.com/p.jpg"}}"#,
    );
    assert_eq!(
        content,
        MessageContent::Video {
            id: "2".into(),
            quote_token: None,
            duration_ms: Some(60000),
            content_provider: ContentProvider {
                kind: "external".into(),
                original_content_url: Some("https://example.com/o.mp4".into()),
                preview_image_url: Some("https://example.com/p.jpg".into()),
            },
        }
    );
}

#[test]
fn an_audio_message_is_read() {
    let content = message(r#"{"id":"3","type":"audio","duration":1234,"contentProvider":{"type":"line"}}"#);
    assert_eq!(
        content,
        MessageContent::Audio {
            id: "3".into(),
            duration_ms: Some(1234),
            content_provider: ContentProvider {
                kind: "line".into(),
                original_content_url: None,
                preview_image_url: None
            },
        }
    );
}

#[test]
fn a_file_message_has_name_and_size() {
    assert_eq!(
        message(r#"{"id":"4","type":"file","fileName":"file.txt","fileSize":2138}"#),
        MessageContent::File { id: "4".into(), file_name: "file.txt".into(), file_size: 2138 }
    );
}

#[test]
fn a_location_message_has_coordinates() {
    assert_eq!(
        message(
            r#"{"id":"5","type":"location","title":"my location","address":"Tokyo",
                "latitude":35.65910807942215,"longitude":139}"#
        ),
        MessageContent::Location {
            id: "5".into(),
            title: Some("my location".into()),
            address: Some("Tokyo".into()),
            latitude: 35.65910807942215,
            longitude: 139.0,
        }
    );
}

#[test]
fn location_coordinates_are_read_exactly() {
    let MessageContent::Location { latitude, longitude, .. } =
        message(r#"{"id":"5","type":"location","latitude":35.65910807942215,"longitude":139.70372892916203}"#)
    else {
        panic!("not a location")
    };
    assert_eq!(latitude.to_bits(), 35.65910807942215_f64.to_bits());
    assert_eq!(longitude.to_bits(), 139.70372892916203_f64.to_bits());
    let MessageContent::Location { latitude, .. } =
        message(r#"{"id":"5","type":"location","latitude":-3.5e1,"longitude":0}"#)
    else {
        panic!("not a location")
    };
    assert_eq!(latitude, -35.0);
}

#[test]
fn a_sticker_message_has_keywords_and_text() {
    assert_eq!(
        message(
            r#"{"id":"6","type":"sticker","packageId":"1","stickerId":"2","stickerResourceType":"MESSAGE",
                "keywords":["Love You","Love"],"text":"Just sticker","quoteToken":"q"}"#
        ),
        MessageContent::Sticker {
            id: "6".into(),
            package_id: "1".into(),
            sticker_id: "2".into(),
            resource_type: Some("MESSAGE".into()),
            keywords: vec!["Love You".into(), "Love".into()],
            text: Some("Just sticker".into()),
            quote_token: Some("q".into()),
        }
    );
    let bare = message(r#"{"id":"7","type":"sticker","packageId":"1","stickerId":"1"}"#);
    assert!(matches!(bare, MessageContent::Sticker { ref keywords, resource_type: None, .. } if keywords.is_empty()));
}

#[test]
fn an_unknown_message_type_is_unknown_with_its_id() {
    let content = message(r#"{"id":"325708","type":"unknownunknownuknown","unknown":"blah blah"}"#);
    assert_eq!(content, MessageContent::Unknown { id: "325708".into(), type_name: "unknownunknownuknown".into() });
    assert_eq!(content.id(), "325708");
    assert_eq!(content.type_name(), "unknownunknownuknown");
}

#[test]
fn a_known_message_type_missing_required_fields_is_unknown_with_its_id() {
    for (content, type_name) in [
        (r#"{"id":"8","type":"text"}"#, "text"),
        (r#"{"id":"8","type":"image"}"#, "image"),
        (r#"{"id":"8","type":"file","fileName":"a.pdf","fileSize":"big"}"#, "file"),
        (r#"{"id":"8","type":"location","latitude":"north","longitude":1.0}"#, "location"),
        (r#"{"id":"8"}"#, ""),
    ] {
        assert_eq!(
            message(content),
            MessageContent::Unknown { id: "8".into(), type_name: type_name.into() },
            "{content}"
        );
    }
}
