//! Message contents in the official SDK fixtures: text with emojis and mentions, media,
//! locations, files and stickers.

use super::*;

#[test]
fn text_messages_keep_emojis_and_mentions() {
    let Some(fixtures) = fixtures() else { return };
    let python = events_of(&fixtures, PYTHON);
    assert_eq!(
        message_of(&python[0]),
        &MessageContent::Text(TextMessage {
            id: "325708".into(),
            text: "Hello, world".into(),
            quote_token: Some("quoteToken".into()),
            emojis: vec![],
            mention: None,
            quoted_message_id: None,
            mark_as_read_token: None,
        })
    );

    let emojis = only_event(&fixtures, "java/text-emojis.json");
    let MessageContent::Text(text) = message_of(&emojis) else { panic!("not text") };
    assert_eq!(
        text.emojis,
        [Emoji { index: 14, length: 6, product_id: "5ac1bfd5040ab15980c9b435".into(), emoji_id: "001".into() }]
    );

    let mention = only_event(&fixtures, "java/text-mention.json");
    let MessageContent::Text(text) = message_of(&mention) else { panic!("not text") };
    assert_eq!(text.text, "Hello, world @Brown and @Cony");
    assert_eq!(
        text.mention,
        Some(Mention {
            mentionees: vec![
                Mentionee {
                    index: 13,
                    length: 6,
                    kind: "user".into(),
                    user_id: Some("U12345678901234567890123456780".into()),
                    is_self: None
                },
                Mentionee { index: 24, length: 5, kind: "all".into(), user_id: None, is_self: None },
            ]
        })
    );
}

#[test]
fn media_messages_keep_their_content_provider_duration_and_image_set() {
    let Some(fixtures) = fixtures() else { return };
    let events = events_of(&fixtures, PYTHON);
    let external = ContentProvider {
        kind: "external".into(),
        original_content_url: Some("https://example.com".into()),
        preview_image_url: Some("https://example.com".into()),
    };
    assert_eq!(
        message_of(&events[1]),
        &MessageContent::Image {
            id: "325708".into(),
            quote_token: Some("quoteToken".into()),
            content_provider: external.clone(),
            image_set: None,
        }
    );
    assert_eq!(
        message_of(&events[2]),
        &MessageContent::Video {
            id: "325708".into(),
            quote_token: Some("quoteToken".into()),
            duration_ms: Some(60000),
            content_provider: external,
        }
    );
    assert_eq!(
        message_of(&events[3]),
        &MessageContent::Audio {
            id: "325708".into(),
            duration_ms: Some(60000),
            content_provider: ContentProvider {
                kind: "external".into(),
                original_content_url: Some("https://example.com".into()),
                preview_image_url: None,
            },
        }
    );
    assert_eq!(
        message_of(&events[24]),
        &MessageContent::Image {
            id: "354718705033693861".into(),
            quote_token: Some("quoteToken".into()),
            content_provider: ContentProvider {
                kind: "line".into(),
                original_content_url: None,
                preview_image_url: None,
            },
            image_set: Some(ImageSet { id: "E005D41A7288F41B655".into(), index: Some(2), total: Some(2) }),
        }
    );

    let java = only_event(&fixtures, "java/video.json");
    assert!(matches!(
        message_of(&java),
        MessageContent::Video { duration_ms: Some(60000), quote_token: None, content_provider, .. }
            if content_provider.original_content_url.as_deref() == Some("https://example.com/original.mp4")
    ));
}

#[test]
fn location_messages_have_coordinates_title_and_address() {
    let Some(fixtures) = fixtures() else { return };
    let events = events_of(&fixtures, PYTHON);
    assert_eq!(
        message_of(&events[4]),
        &MessageContent::Location {
            id: "325708".into(),
            title: Some("my location".into()),
            address: Some("Tokyo".into()),
            latitude: 35.65910807942215,
            longitude: 139.70372892916203,
        }
    );
    let java = only_event(&fixtures, "java/location.json");
    let MessageContent::Location { address, latitude, longitude, .. } = message_of(&java) else {
        panic!("not a location")
    };
    assert_eq!(address.as_deref(), Some("〒150-0002 東京都渋谷区渋谷２丁目２１−１"));
    assert_eq!((*latitude, *longitude), (35.65910807942215, 139.70372892916203));
}

#[test]
fn file_messages_have_a_name_and_a_size() {
    let Some(fixtures) = fixtures() else { return };
    let events = events_of(&fixtures, PYTHON);
    assert_eq!(
        message_of(&events[21]),
        &MessageContent::File { id: "325708".into(), file_name: "file.txt".into(), file_size: 2138 }
    );
    let java = only_event(&fixtures, "java/file.json");
    assert_eq!(
        message_of(&java),
        &MessageContent::File { id: "325708".into(), file_name: "sample.pdf".into(), file_size: 22016 }
    );
}

#[test]
fn sticker_keywords_and_text_parse() {
    let Some(fixtures) = fixtures() else { return };
    let events = events_of(&fixtures, PYTHON);
    assert_eq!(
        message_of(&events[5]),
        &MessageContent::Sticker {
            id: "325708".into(),
            package_id: "1".into(),
            sticker_id: "1".into(),
            resource_type: Some("STATIC".into()),
            keywords: vec!["Love You".into(), "Love".into()],
            text: Some("Just sticker".into()),
            quote_token: Some("quoteToken".into()),
        }
    );
    let keywords = |name: &str| match message_of(&only_event(&fixtures, name)) {
        MessageContent::Sticker { keywords, .. } => keywords.clone(),
        other => panic!("{name}: not a sticker: {other:?}"),
    };
    assert_eq!(keywords("java/sticker.json"), ["bed", "sleep", "bedtime"]);
    assert_eq!(keywords("java/sticker-keywords-array.json"), ["keyword"]);
    assert!(keywords("java/sticker-keywords-remove.json").is_empty());

    let with_text = only_event(&fixtures, "java/sticker-with-text.json");
    assert!(matches!(
        message_of(&with_text),
        MessageContent::Sticker { resource_type: Some(kind), text: Some(text), .. }
            if kind == "MESSAGE" && text == "userEnteredText"
    ));
}
