//! Checks `line::webhook` against the webhook bodies used by LINE's official SDK tests:
//! here the bodies and events as a whole, in `messages` the message contents, in `events`
//! the details of the other event kinds.
//!
//! The fixtures live outside the repository, in `../shared/line-reference/sdk-fixtures/`
//! (Python: `webhook.json` with 28 events; Java: one scenario per file, mostly the older
//! payload shape). They are read in place and never copied. Without that folder every test
//! here says `SKIPPED` and passes.

mod events;
mod messages;
pub mod openapi;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use frontdesk::ids::{ChatId, LineUserId};
use frontdesk::line::webhook::{
    parse_body, parse_event, Beacon, ContentProvider, Emoji, Event, EventKind, ImageSet, Mention, Mentionee,
    MessageContent, Mode, Source, TextMessage,
};

fn reference_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/line-reference")
}

/// Every `*.json` under `sdk-fixtures/`, keyed by its path relative to that folder with `/`
/// separators (e.g. `java/unknown.json`). `None`, after saying so, if the reference is absent.
fn fixtures() -> Option<BTreeMap<String, Vec<u8>>> {
    let reference = reference_dir();
    if !reference.is_dir() {
        eprintln!("SKIPPED: ../shared/line-reference not found (looked for {})", reference.display());
        return None;
    }
    let root = reference.join("sdk-fixtures");
    let mut found = BTreeMap::new();
    collect_json(&root, &root, &mut found);
    Some(found)
}

fn collect_json(root: &Path, dir: &Path, found: &mut BTreeMap<String, Vec<u8>>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("read {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            collect_json(root, &path, found);
        } else if path.extension().is_some_and(|ext| ext == "json") {
            let name = path
                .strip_prefix(root)
                .expect("under the root")
                .components()
                .map(|part| part.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
            found.insert(name, bytes);
        }
    }
}

/// All events of one fixture file, parsed; panics with the file name on any failure.
fn events_of(fixtures: &BTreeMap<String, Vec<u8>>, name: &str) -> Vec<Event> {
    let body = fixtures.get(name).unwrap_or_else(|| panic!("fixture {name} is missing"));
    let body = parse_body(body).unwrap_or_else(|e| panic!("{name}: body: {e}"));
    body.events
        .iter()
        .enumerate()
        .map(|(i, raw)| parse_event(raw.get()).unwrap_or_else(|e| panic!("{name}[{i}]: {e}")))
        .collect()
}

/// The single event of a one-scenario Java fixture.
fn only_event(fixtures: &BTreeMap<String, Vec<u8>>, name: &str) -> Event {
    let mut events = events_of(fixtures, name);
    assert_eq!(events.len(), 1, "{name} should hold one event");
    events.remove(0)
}

fn message_of(event: &Event) -> &MessageContent {
    match &event.kind {
        EventKind::Message(content) => content,
        other => panic!("expected a message event, got {other:?}"),
    }
}

fn kind_name(kind: &EventKind) -> &'static str {
    match kind {
        EventKind::Message(_) => "Message",
        EventKind::MessageEdited(_) => "MessageEdited",
        EventKind::Unsend { .. } => "Unsend",
        EventKind::Follow { .. } => "Follow",
        EventKind::Unfollow => "Unfollow",
        EventKind::Join => "Join",
        EventKind::Leave => "Leave",
        EventKind::MemberJoined { .. } => "MemberJoined",
        EventKind::MemberLeft { .. } => "MemberLeft",
        EventKind::Postback(_) => "Postback",
        EventKind::VideoPlayComplete { .. } => "VideoPlayComplete",
        EventKind::Beacon(_) => "Beacon",
        EventKind::AccountLink { .. } => "AccountLink",
        EventKind::Membership { .. } => "Membership",
        EventKind::Other => "Other",
        EventKind::Unknown => "Unknown",
    }
}

const PYTHON: &str = "python/webhook.json";
const USER_ID: &str = "U206d25c2ea6bd87c17655609a1c37cb8";

fn user(id: &str) -> Option<Source> {
    Some(Source::User { user_id: Some(user_id(id)) })
}

fn user_id(id: &str) -> LineUserId {
    LineUserId::parse(id).unwrap()
}

fn chat(id: &str) -> ChatId {
    ChatId::parse(id).unwrap()
}

#[test]
fn every_official_sdk_fixture_parses() {
    let Some(fixtures) = fixtures() else { return };
    assert!(
        fixtures.contains_key(PYTHON) && fixtures.keys().filter(|k| k.starts_with("java/")).count() >= 27,
        "expected the Python body and 27 Java bodies, found {:?}",
        fixtures.keys().collect::<Vec<_>>()
    );
    let mut checked = 0;
    for name in fixtures.keys() {
        for (i, event) in events_of(&fixtures, name).iter().enumerate() {
            checked += 1;
            assert!(!event.meta.type_name.is_empty(), "{name}[{i}] lost its type");
            assert!(event.meta.timestamp > 0, "{name}[{i}] lost its timestamp");
            // The only deliberately unknown events are the SDKs' own "unknown" tests; every
            // other fixture is a known, well-formed type and must get its own variant.
            let deliberately_unknown = matches!(
                (name.as_str(), event.meta.type_name.as_str()),
                (PYTHON, "undefined") | ("java/unknown.json", _)
            );
            if !deliberately_unknown {
                assert!(
                    !matches!(event.kind, EventKind::Other | EventKind::Unknown),
                    "{name}[{i}] ({}) fell back to {:?}",
                    event.meta.type_name,
                    event.kind
                );
                if let EventKind::Message(content) | EventKind::MessageEdited(content) = &event.kind {
                    assert!(
                        !matches!(content, MessageContent::Unknown { .. }),
                        "{name}[{i}] message fell back to {content:?}"
                    );
                }
                assert!(
                    !matches!(event.meta.source, None | Some(Source::Unknown { .. })),
                    "{name}[{i}] has no usable source: {:?}",
                    event.meta.source
                );
            }
        }
    }
    assert!(checked >= 28 + 28, "only {checked} events were checked");
}

#[test]
fn the_python_fixture_has_28_events_mapped_to_the_right_kinds() {
    let Some(fixtures) = fixtures() else { return };
    let events = events_of(&fixtures, PYTHON);
    let body = parse_body(&fixtures[PYTHON]).unwrap();
    assert_eq!(body.destination.as_deref(), Some("U123"));
    let kinds: Vec<(&str, &str)> =
        events.iter().map(|event| (event.meta.type_name.as_str(), kind_name(&event.kind))).collect();
    assert_eq!(
        kinds,
        [
            ("message", "Message"),
            ("message", "Message"),
            ("message", "Message"),
            ("message", "Message"),
            ("message", "Message"),
            ("message", "Message"),
            ("follow", "Follow"),
            ("unfollow", "Unfollow"),
            ("join", "Join"),
            ("leave", "Leave"),
            ("postback", "Postback"),
            ("beacon", "Beacon"),
            ("beacon", "Beacon"),
            ("accountLink", "AccountLink"),
            ("message", "Message"),
            ("message", "Message"),
            ("postback", "Postback"),
            ("postback", "Postback"),
            ("postback", "Postback"),
            ("memberJoined", "MemberJoined"),
            ("memberLeft", "MemberLeft"),
            ("message", "Message"),
            ("unsend", "Unsend"),
            ("videoPlayComplete", "VideoPlayComplete"),
            ("message", "Message"),
            ("message", "Message"),
            ("messageEdited", "MessageEdited"),
            ("undefined", "Unknown"),
        ]
    );
    let message_types: Vec<&str> = events
        .iter()
        .filter_map(|event| match &event.kind {
            EventKind::Message(content) => Some(content.type_name()),
            _ => None,
        })
        .collect();
    assert_eq!(
        message_types,
        ["text", "image", "video", "audio", "location", "sticker", "text", "text", "file", "image", "text"]
    );
    // Every event is of the current shape.
    for (i, event) in events.iter().enumerate() {
        assert_eq!(event.meta.webhook_event_id.as_deref(), Some("testwebhookeventid"), "[{i}]");
        assert_eq!(event.meta.mode, Mode::Active, "[{i}]");
        assert!(event.meta.timestamp > 1_400_000_000_000, "[{i}]");
    }
}

#[test]
fn the_undefined_event_type_is_unknown_and_keeps_its_common_fields() {
    let Some(fixtures) = fixtures() else { return };
    let events = events_of(&fixtures, PYTHON);
    let undefined = &events[27];
    assert_eq!(undefined.kind, EventKind::Unknown);
    assert_eq!(undefined.meta.type_name, "undefined");
    assert_eq!(undefined.meta.source, user(USER_ID));
    assert_eq!(undefined.meta.timestamp, 1462629479859);
    assert!(undefined.meta.is_redelivery);
    assert_eq!(undefined.meta.reply_token, None);
}

#[test]
fn redelivered_events_are_flagged_and_others_are_not() {
    let Some(fixtures) = fixtures() else { return };
    let redelivered: Vec<usize> = events_of(&fixtures, PYTHON)
        .iter()
        .enumerate()
        .filter(|(_, event)| event.meta.is_redelivery)
        .map(|(i, _)| i)
        .collect();
    assert_eq!(redelivered, [25, 27]);

    let java = only_event(&fixtures, "java/webhook-redelivery.json");
    assert!(java.meta.is_redelivery);
    assert_eq!(java.meta.webhook_event_id.as_deref(), Some("01G2KZKG2DS765NMRH3GZFD8AP"));
    assert!(matches!(message_of(&java), MessageContent::Text(text) if text.text == "Hello, world"));
}

#[test]
fn the_java_unknown_fixture_gives_unknown_event_source_and_message_types() {
    let Some(fixtures) = fixtures() else { return };
    let events = events_of(&fixtures, "java/unknown.json");
    assert_eq!(events.len(), 2);

    assert_eq!(events[0].meta.type_name, "greatNewFeature");
    assert_eq!(events[0].kind, EventKind::Unknown);
    assert_eq!(events[0].meta.source, user("U012345678901234567890123456789ab"));

    assert_eq!(events[1].meta.source, Some(Source::Unknown { type_name: "unknownunknownuknown".into() }));
    assert_eq!(events[1].meta.source.as_ref().unwrap().chat_id(), None);
    assert_eq!(
        events[1].kind,
        EventKind::Message(MessageContent::Unknown { id: "325708".into(), type_name: "unknownunknownuknown".into() })
    );
}

#[test]
fn old_shape_java_events_read_with_defaults() {
    let Some(fixtures) = fixtures() else { return };
    let text = only_event(&fixtures, "java/text-user.json");
    assert_eq!(text.meta.webhook_event_id, None);
    assert!(!text.meta.is_redelivery);
    assert_eq!(text.meta.mode, Mode::Active);
    assert_eq!(text.meta.reply_token.as_deref(), Some("nHuyWiB7yP5Zw52FIkcQobQuGDXCTA"));
    let MessageContent::Text(content) = message_of(&text) else { panic!("not text") };
    assert_eq!(content.quote_token, None);

    let standby = only_event(&fixtures, "java/text-group.json");
    assert_eq!(standby.meta.mode, Mode::Standby);
    assert_eq!(
        standby.meta.source,
        Some(Source::Group { group_id: chat("u206d25c2ea6bd87c17655609a1c37cb8"), user_id: None })
    );

    // The old follow event has no `follow` object: still a follow, read as a new friend.
    let follow = only_event(&fixtures, "java/follow.json");
    assert_eq!(follow.kind, EventKind::Follow { is_unblocked: false });
}

#[test]
fn sources_of_every_type_give_the_right_chat_id() {
    let Some(fixtures) = fixtures() else { return };
    let events = events_of(&fixtures, PYTHON);
    let source = |i: usize| events[i].meta.source.clone().unwrap();

    assert_eq!(source(0).chat_id(), Some(chat(USER_ID)));
    assert!(source(0).is_user());
    assert_eq!(source(1), Source::Room { room_id: chat("Ra8dbf4673c4c812cd491258042226c99"), user_id: None });
    assert_eq!(source(8).chat_id(), Some(chat("Ca56f94637cc4347f90a25382909b24b9")));
    assert_eq!(source(8).user_id(), None);
    assert_eq!(
        source(14),
        Source::Group { group_id: chat("Ca56f94637cc4347f90a25382909b24b9"), user_id: Some(user_id(USER_ID)) }
    );
    assert_eq!(source(15).chat_id(), Some(chat("Ra8dbf4673c4c812cd491258042226c99")));
    assert_eq!(source(15).user_id(), Some(&user_id(USER_ID)));
    assert!(!source(15).is_user());
}
