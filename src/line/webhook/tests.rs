//! Unit tests of `line::webhook`: the body, the common fields, sources and the event types, plus
//! the helpers shared with the message-type tests in `tests/messages.rs`.

use std::collections::BTreeMap;

use super::*;

mod messages;

const USER: &str = r#"{"type":"user","userId":"U206d25c2ea6bd87c17655609a1c37cb8"}"#;

/// A current-shape event of `type_name` from a user, with `extra` fields spliced in.
fn event_json(type_name: &str, extra: &str) -> String {
    format!(
        r#"{{"type":"{type_name}","mode":"active","timestamp":1462629479859,"source":{USER},"webhookEventId":"01FZ74A0TDDPYRVKNK77XKC3ZR","deliveryContext":{{"isRedelivery":false}},"replyToken":"nHuyWiB7yP5Zw52FIkcQobQuGDXCTA"{extra}}}"#
    )
}

fn user(id: &str) -> LineUserId {
    LineUserId::parse(id).unwrap()
}

fn chat(id: &str) -> ChatId {
    ChatId::parse(id).unwrap()
}

fn parse(json: &str) -> Event {
    parse_event(json).expect("an object always parses")
}

fn kind_of(type_name: &str, extra: &str) -> EventKind {
    parse(&event_json(type_name, extra)).kind
}

fn message(content: &str) -> MessageContent {
    match kind_of("message", &format!(r#","message":{content}"#)) {
        EventKind::Message(content) => content,
        other => panic!("expected a message, got {other:?}"),
    }
}

// --- the body -----------------------------------------------------------

#[test]
fn the_verification_request_has_no_events() {
    let body = parse_body(br#"{"destination":"xxxxxxxxxx","events":[]}"#).unwrap();
    assert_eq!(body.destination.as_deref(), Some("xxxxxxxxxx"));
    assert!(body.events.is_empty());
}

#[test]
fn events_are_kept_byte_for_byte() {
    let first = r#"{"type":"message","message":{"id":"1","type":"text","text":"\uD83E\uDD28 \u3042"}}"#;
    let second = r#"{ "type" : "unfollow" }"#;
    let body = format!("{{\"events\": [{first},\n  {second}], \"destination\":\"U1\"}}");
    let parsed = parse_body(body.as_bytes()).unwrap();
    let raws: Vec<&str> = parsed.events.iter().map(|raw| raw.get()).collect();
    assert_eq!(raws, [first, second]);
    assert_eq!(parsed.destination.as_deref(), Some("U1"));
}

#[test]
fn a_body_that_is_not_json_is_refused() {
    assert!(matches!(parse_body(b"hello"), Err(WebhookError::NotJson(_))));
    assert!(matches!(parse_body(b""), Err(WebhookError::NotJson(_))));
    assert!(matches!(parse_body(b"{\"events\":[]"), Err(WebhookError::NotJson(_))));
    assert!(matches!(parse_body(b"{\"events\":[]}\xff"), Err(WebhookError::NotJson(_))));
    assert!(matches!(parse_body(b"{\"events\":[\"\xff\"]}"), Err(WebhookError::NotJson(_))));
}

#[test]
fn a_body_that_is_not_an_object_is_refused() {
    assert!(matches!(parse_body(b"[\"U1\", []]"), Err(WebhookError::NotAnObject)));
    assert!(matches!(parse_body(b" 42 "), Err(WebhookError::NotAnObject)));
}

#[test]
fn a_body_with_a_repeated_events_key_is_refused() {
    assert!(matches!(parse_body(br#"{"events":[],"events":[{"type":"join"}]}"#), Err(WebhookError::DuplicateKey(_))));
}

#[test]
fn a_body_without_an_events_array_is_refused() {
    for body in [&br#"{"destination":"U1"}"#[..], br#"{"events":null}"#, br#"{"events":{}}"#] {
        assert!(matches!(parse_body(body), Err(WebhookError::NoEventsArray)));
    }
}

#[test]
fn an_odd_destination_or_odd_events_do_not_fail_the_body() {
    let body = parse_body(br#"{"destination":7,"events":[1,"x",{}],"extra":true}"#).unwrap();
    assert_eq!(body.destination, None);
    assert_eq!(body.events.len(), 3);
    assert!(matches!(parse_event(body.events[0].get()), Err(WebhookError::NotAnObject)));
    assert_eq!(parse(body.events[2].get()).kind, EventKind::Unknown);
    let body = parse_body(br#"{"events":[]}"#).unwrap();
    assert_eq!(body.destination, None);
}

#[test]
fn an_event_that_is_not_an_object_is_refused() {
    assert!(matches!(parse_event("nope"), Err(WebhookError::NotJson(_))));
    assert!(matches!(parse_event("[]"), Err(WebhookError::NotAnObject)));
    assert!(matches!(parse_event("null"), Err(WebhookError::NotAnObject)));
}

// --- common fields ----------------------------------------------------------

#[test]
fn the_common_fields_of_a_current_event_are_read() {
    let event = parse(&event_json("unfollow", ""));
    assert_eq!(
        event.meta,
        EventMeta {
            type_name: "unfollow".into(),
            webhook_event_id: Some("01FZ74A0TDDPYRVKNK77XKC3ZR".into()),
            timestamp: 1462629479859,
            mode: Mode::Active,
            source: Some(Source::User { user_id: Some(user("U206d25c2ea6bd87c17655609a1c37cb8")) }),
            reply_token: Some("nHuyWiB7yP5Zw52FIkcQobQuGDXCTA".into()),
            is_redelivery: false,
        }
    );
}

#[test]
fn an_old_shape_event_gets_defaults() {
    let event = parse(r#"{"type":"leave","timestamp":1462629479859}"#);
    assert_eq!(event.meta.webhook_event_id, None);
    assert_eq!(event.meta.mode, Mode::Active);
    assert_eq!(event.meta.source, None);
    assert_eq!(event.meta.reply_token, None);
    assert!(!event.meta.is_redelivery);
    assert_eq!(event.kind, EventKind::Leave);
}

#[test]
fn ill_typed_common_fields_fall_back_to_defaults() {
    let event = parse(
        r#"{"type":"join","timestamp":"yesterday","mode":null,"webhookEventId":5,
            "deliveryContext":{"isRedelivery":"yes"},"replyToken":[],"source":null}"#,
    );
    assert_eq!(event.meta.timestamp, 0);
    assert_eq!(event.meta.mode, Mode::Active);
    assert_eq!(event.meta.webhook_event_id, None);
    assert!(!event.meta.is_redelivery);
    assert_eq!(event.meta.reply_token, None);
    assert_eq!(event.meta.source, None);
    assert_eq!(event.kind, EventKind::Join);
}

#[test]
fn a_redelivered_event_is_flagged() {
    let json = event_json("unfollow", "").replace(r#""isRedelivery":false"#, r#""isRedelivery":true"#);
    assert!(parse(&json).meta.is_redelivery);
}

#[test]
fn standby_and_unknown_modes_are_read() {
    let standby = event_json("unfollow", "").replace(r#""mode":"active""#, r#""mode":"standby""#);
    assert_eq!(parse(&standby).meta.mode, Mode::Standby);
    let other = event_json("unfollow", "").replace(r#""mode":"active""#, r#""mode":"paused""#);
    assert_eq!(parse(&other).meta.mode, Mode::Other("paused".into()));
}

#[test]
fn extra_fields_are_ignored() {
    let content = message(r#"{"id":"1","type":"text","text":"hi","brandNew":{"a":[1]}}"#);
    assert!(matches!(content, MessageContent::Text(ref text) if text.text == "hi"));
    let event = parse(&event_json("unfollow", r#","somethingNew":[{"x":null}]"#));
    assert_eq!(event.kind, EventKind::Unfollow);
}

// --- sources ----------------------------------------------------------------

fn source(json: &str) -> Option<Source> {
    parse(&format!(r#"{{"type":"leave","source":{json}}}"#)).meta.source
}

#[test]
fn a_user_source_is_a_one_to_one_chat() {
    let source = source(r#"{"type":"user","userId":"U1"}"#).unwrap();
    assert_eq!(source, Source::User { user_id: Some(user("U1")) });
    assert_eq!(source.chat_id(), Some(chat("U1")));
    assert_eq!(source.user_id(), Some(&user("U1")));
    assert!(source.is_user());
}

#[test]
fn a_group_source_is_addressed_by_its_group_id() {
    let source = source(r#"{"type":"group","groupId":"C1","userId":"U1"}"#).unwrap();
    assert_eq!(source, Source::Group { group_id: chat("C1"), user_id: Some(user("U1")) });
    assert_eq!(source.chat_id(), Some(chat("C1")));
    assert_eq!(source.user_id(), Some(&user("U1")));
    assert!(!source.is_user());
}

#[test]
fn a_room_source_is_addressed_by_its_room_id() {
    let source = source(r#"{"type":"room","roomId":"R1"}"#).unwrap();
    assert_eq!(source, Source::Room { room_id: chat("R1"), user_id: None });
    assert_eq!(source.chat_id(), Some(chat("R1")));
    assert_eq!(source.user_id(), None);
    assert!(!source.is_user());
}

#[test]
fn an_unknown_or_unaddressable_source_is_unknown() {
    let unknown = source(r#"{"type":"square","squareId":"S1","userId":"U1"}"#).unwrap();
    assert_eq!(unknown, Source::Unknown { type_name: "square".into() });
    assert_eq!(unknown.chat_id(), None);
    assert_eq!(unknown.user_id(), None);
    assert_eq!(source(r#"{"type":"group","userId":"U1"}"#), Some(Source::Unknown { type_name: "group".into() }));
    assert_eq!(source(r#""U1""#), Some(Source::Unknown { type_name: String::new() }));
    let no_user = source(r#"{"type":"user"}"#).unwrap();
    assert_eq!(no_user.chat_id(), None);
    // An id that cannot be one (not a string, or not one token) counts as missing.
    assert_eq!(source(r#"{"type":"user","userId":""}"#), Some(Source::User { user_id: None }));
    assert_eq!(source(r#"{"type":"user","userId":"U 1"}"#), Some(Source::User { user_id: None }));
    assert_eq!(source(r#"{"type":"room","roomId":""}"#), Some(Source::Unknown { type_name: "room".into() }));
}

// --- event types --------------------------------------------------------------

#[test]
fn a_message_event_carries_its_content() {
    let event = parse(&event_json(
        "message",
        r#","message":{"id":"325708","type":"text","text":"Hello, world","quoteToken":"q"}"#,
    ));
    assert_eq!(event.meta.type_name, "message");
    let EventKind::Message(content) = event.kind else { panic!("not a message: {:?}", event.kind) };
    assert_eq!(content.id(), "325708");
    assert_eq!(content.type_name(), "text");
}

#[test]
fn a_message_event_without_a_message_is_other() {
    // Known but ill-formed: nothing to answer to, so it is stored and skipped like the
    // module events, not treated as an unknown type.
    assert_eq!(kind_of("message", ""), EventKind::Other);
    assert_eq!(kind_of("message", r#","message":"hi""#), EventKind::Other);
    assert_eq!(kind_of("message", r#","message":{"type":"text","text":"no id"}"#), EventKind::Other);
}

#[test]
fn a_message_edited_event_carries_the_new_content() {
    let kind = kind_of("messageEdited", r#","message":{"id":"325708","type":"text","text":"Hello, edited world"}"#);
    let EventKind::MessageEdited(MessageContent::Text(text)) = kind else { panic!("not an edit: {kind:?}") };
    assert_eq!(text.text, "Hello, edited world");
    assert_eq!(text.quote_token, None);
    assert_eq!(kind_of("messageEdited", ""), EventKind::Other);
}

#[test]
fn an_unsend_event_names_the_message() {
    assert_eq!(
        kind_of("unsend", r#","unsend":{"messageId":"325708"}"#),
        EventKind::Unsend { message_id: "325708".into() }
    );
    assert_eq!(kind_of("unsend", r#","unsend":{}"#), EventKind::Other);
}

#[test]
fn a_follow_event_says_whether_it_is_an_unblock() {
    assert_eq!(kind_of("follow", r#","follow":{"isUnblocked":true}"#), EventKind::Follow { is_unblocked: true });
    assert_eq!(kind_of("follow", r#","follow":{"isUnblocked":false}"#), EventKind::Follow { is_unblocked: false });
    // The older shape has no `follow` object at all.
    assert_eq!(kind_of("follow", ""), EventKind::Follow { is_unblocked: false });
}

#[test]
fn unfollow_join_and_leave_events_have_no_content() {
    assert_eq!(kind_of("unfollow", ""), EventKind::Unfollow);
    assert_eq!(kind_of("join", ""), EventKind::Join);
    assert_eq!(kind_of("leave", ""), EventKind::Leave);
}

#[test]
fn member_joined_and_left_events_list_the_members() {
    let members = r#"{"members":[{"type":"user","userId":"U1"},{"type":"user","userId":"U2"}]}"#;
    let expected = vec![Source::User { user_id: Some(user("U1")) }, Source::User { user_id: Some(user("U2")) }];
    assert_eq!(
        kind_of("memberJoined", &format!(r#","joined":{members}"#)),
        EventKind::MemberJoined { members: expected.clone() }
    );
    assert_eq!(kind_of("memberLeft", &format!(r#","left":{members}"#)), EventKind::MemberLeft { members: expected });
    assert_eq!(kind_of("memberJoined", ""), EventKind::Other);
    assert_eq!(kind_of("memberLeft", r#","left":{"members":{}}"#), EventKind::Other);
}

fn postback(extra: &str) -> Postback {
    match kind_of("postback", extra) {
        EventKind::Postback(postback) => postback,
        other => panic!("not a postback: {other:?}"),
    }
}

#[test]
fn a_postback_carries_its_data() {
    let plain = postback(r#","postback":{"data":"action=intake&step=1"}"#);
    assert_eq!(plain.data, "action=intake&step=1");
    assert!(plain.params.is_empty());
    assert_eq!(kind_of("postback", r#","postback":{"params":{}}"#), EventKind::Other);
}

#[test]
fn postback_params_from_datetime_pickers_are_read() {
    for (key, value) in [("date", "2013-04-01"), ("time", "10:00"), ("datetime", "2013-04-01T10:00")] {
        let got = postback(&format!(r#","postback":{{"data":"d","params":{{"{key}":"{value}"}}}}"#));
        assert_eq!(got.params, BTreeMap::from([(key.to_owned(), value.to_owned())]));
    }
    let switch = postback(
        r#","postback":{"data":"d","params":{"newRichMenuAliasId":"menu-b","status":"SUCCESS","n":3,"gone":null}}"#,
    );
    assert_eq!(switch.params["newRichMenuAliasId"], "menu-b");
    assert_eq!(switch.params["status"], "SUCCESS");
    assert_eq!(switch.params["n"], "3");
    assert!(!switch.params.contains_key("gone"));
    let odd = postback(r#","postback":{"data":"d","params":"not a map"}"#);
    assert!(odd.params.is_empty());
}

#[test]
fn a_video_play_complete_event_carries_the_tracking_id() {
    assert_eq!(
        kind_of("videoPlayComplete", r#","videoPlayComplete":{"trackingId":"track_id"}"#),
        EventKind::VideoPlayComplete { tracking_id: "track_id".into() }
    );
}

#[test]
fn a_beacon_event_carries_hwid_type_and_device_message() {
    assert_eq!(
        kind_of("beacon", r#","beacon":{"hwid":"d41d8cd98f","type":"enter","dm":"1234567890abcdef"}"#),
        EventKind::Beacon(Beacon {
            hwid: "d41d8cd98f".into(),
            kind: "enter".into(),
            dm: Some("1234567890abcdef".into()),
        })
    );
    assert_eq!(
        kind_of("beacon", r#","beacon":{"hwid":"d41d8cd98f","type":"stay"}"#),
        EventKind::Beacon(Beacon { hwid: "d41d8cd98f".into(), kind: "stay".into(), dm: None })
    );
}

#[test]
fn an_account_link_event_carries_result_and_nonce() {
    assert_eq!(
        kind_of("accountLink", r#","link":{"result":"failed","nonce":"Vb771wDYtXuammLszK6h9A"}"#),
        EventKind::AccountLink { result: "failed".into(), nonce: "Vb771wDYtXuammLszK6h9A".into() }
    );
}

#[test]
fn a_membership_event_carries_type_and_id() {
    assert_eq!(
        kind_of("membership", r#","membership":{"type":"renewed","membershipId":3189}"#),
        EventKind::Membership { kind: "renewed".into(), membership_id: 3189 }
    );
    assert_eq!(kind_of("membership", r#","membership":{"type":"joined","membershipId":"3189"}"#), EventKind::Other);
}

#[test]
fn module_and_notification_events_are_other() {
    for type_name in ["module", "activated", "deactivated", "botSuspended", "botResumed", "delivery"] {
        assert_eq!(kind_of(type_name, ""), EventKind::Other, "{type_name}");
    }
    assert_eq!(kind_of("activated", r#","chatControl":{"expireAt":1462629479859}"#), EventKind::Other);
}

#[test]
fn an_unknown_event_type_is_unknown_but_keeps_its_meta() {
    let event = parse(&event_json("greatNewFeature", r#","undefinedField":{"1":1}"#));
    assert_eq!(event.kind, EventKind::Unknown);
    assert_eq!(event.meta.type_name, "greatNewFeature");
    assert_eq!(event.meta.timestamp, 1462629479859);
    assert!(event.meta.source.is_some());
    // So is an event with no `type` at all, and the removed `things` type.
    let untyped = parse("{}");
    assert_eq!(untyped.kind, EventKind::Unknown);
    assert_eq!(untyped.meta.type_name, "");
    assert_eq!(kind_of("things", r#","things":{"type":"link"}"#), EventKind::Unknown);
}
