//! The details of events other than messages in the official SDK fixtures: postbacks,
//! follows, group and link events, edited messages.

use super::*;

#[test]
fn postback_params_from_datetime_pickers_parse() {
    let Some(fixtures) = fixtures() else { return };
    let events = events_of(&fixtures, PYTHON);
    let params = |i: usize| match &events[i].kind {
        EventKind::Postback(postback) => {
            assert_eq!(postback.data, "action=buyItem&itemId=123123&color=red");
            postback.params.clone()
        }
        other => panic!("[{i}] not a postback: {other:?}"),
    };
    let one = |key: &str, value: &str| BTreeMap::from([(key.to_owned(), value.to_owned())]);
    assert_eq!(params(10), one("datetime", "2017-12-25T01:00"));
    assert_eq!(params(16), one("date", "2013-04-01"));
    assert_eq!(params(17), one("time", "10:00"));
    assert_eq!(params(18), one("datetime", "2013-04-01T10:00"));

    let java = only_event(&fixtures, "java/postback.json");
    let EventKind::Postback(postback) = java.kind else { panic!("not a postback") };
    assert_eq!(postback.data, "action=buyItem&itemId=123123&color=red");
    assert!(postback.params.is_empty());
}

#[test]
fn follow_group_and_link_events_carry_their_details() {
    let Some(fixtures) = fixtures() else { return };
    let events = events_of(&fixtures, PYTHON);
    assert_eq!(events[6].kind, EventKind::Follow { is_unblocked: true });
    assert_eq!(events[6].meta.reply_token.as_deref(), Some("nHuyWiB7yP5Zw52FIkcQobQuGDXCTA"));
    assert_eq!(events[7].meta.reply_token, None);
    assert_eq!(
        events[11].kind,
        EventKind::Beacon(Beacon { hwid: "d41d8cd98f".into(), kind: "enter".into(), dm: None })
    );
    assert_eq!(
        events[12].kind,
        EventKind::Beacon(Beacon {
            hwid: "d41d8cd98f".into(),
            kind: "enter".into(),
            dm: Some("1234567890abcdef".into())
        })
    );
    assert_eq!(events[13].kind, EventKind::AccountLink { result: "ok".into(), nonce: "Vb771wDYtXuammLszK6h9A".into() });
    let members = vec![
        Source::User { user_id: Some(user_id("U4af4980629...")) },
        Source::User { user_id: Some(user_id("U91eeaf62d9...")) },
    ];
    assert_eq!(events[19].kind, EventKind::MemberJoined { members: members.clone() });
    assert_eq!(events[20].kind, EventKind::MemberLeft { members });
    assert_eq!(events[22].kind, EventKind::Unsend { message_id: "325708".into() });
    assert_eq!(events[23].kind, EventKind::VideoPlayComplete { tracking_id: "track_id".into() });

    let joined = only_event(&fixtures, "java/member_joined.json");
    assert_eq!(
        joined.kind,
        EventKind::MemberJoined { members: vec![Source::User { user_id: Some(user_id("U111111")) }] }
    );
}

#[test]
fn edited_messages_carry_the_new_text() {
    let Some(fixtures) = fixtures() else { return };
    let events = events_of(&fixtures, PYTHON);
    let EventKind::MessageEdited(MessageContent::Text(text)) = &events[26].kind else {
        panic!("not an edit: {:?}", events[26].kind)
    };
    assert_eq!(text.text, "Hello, edited world");

    let java = only_event(&fixtures, "java/message-edited.json");
    assert_eq!(
        java.meta.source.as_ref().and_then(Source::user_id),
        Some(&user_id("u206d25c2ea6bd87c17655609a1c37cb8"))
    );
    let EventKind::MessageEdited(MessageContent::Text(text)) = java.kind else { panic!("not an edit") };
    assert_eq!(text.text, "Hello, edited world");
    assert_eq!(text.quote_token, None);
}
