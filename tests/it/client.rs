//! The typed LINE client against the fake platform: the same code that talks to LINE.

use std::time::Duration;

use frontdesk::ids::{ChatId, LineUserId};
use frontdesk::line::{
    client::{LineClient, LineError, PushOutcome},
    fake::{Endpoint, Failure},
    message::{Message, QuickReply, QuickReplyItem},
};
use secrecy::SecretString;
use serde_json::value::RawValue;

use crate::helpers::*;

fn client(fake: &frontdesk::line::fake::FakeLine, token: &str) -> LineClient {
    LineClient::new(&fake.base_url(), &fake.base_url(), SecretString::from(token), Duration::from_secs(2)).unwrap()
}

fn raw(messages: &[Message]) -> Box<RawValue> {
    RawValue::from_string(serde_json::to_string(messages).unwrap()).unwrap()
}

#[tokio::test]
async fn profiles_come_with_or_without_a_language_and_strangers_are_none() {
    let fake = Platform::start().await;
    let c = client(&fake, TOKEN);
    let with = fake.add_user("Lan", Some("vi"));
    let without = fake.add_user("名無し", None);
    let p = c.profile(&LineUserId::parse(&with).unwrap()).await.unwrap().unwrap();
    assert_eq!((p.display_name.as_str(), p.language.as_deref()), ("Lan", Some("vi")));
    assert_eq!(c.profile(&LineUserId::parse(&without).unwrap()).await.unwrap().unwrap().language, None);
    assert!(format!("{p:?}").contains("redacted"), "a display name never reaches a log");
    fake.remove_user(&with);
    assert_eq!(c.profile(&LineUserId::parse(&with).unwrap()).await.unwrap(), None, "404 for a blocked user");
}

#[tokio::test]
async fn a_wrong_token_is_a_typed_401_with_lines_message() {
    let fake = Platform::start().await;
    let user = fake.add_user("Ana", None);
    let err = client(&fake, "wrong")
        .push(&ChatId::parse(&user).unwrap(), &raw(&[Message::text("oi").unwrap()]), &uuid::Uuid::new_v4().to_string())
        .await;
    match err {
        Err(LineError::Api(e)) => {
            assert_eq!(e.status, 401);
            assert!(e.body.message.contains("Authentication failed"), "{e:?}");
            assert!(e.request_id.is_some(), "x-line-request-id is kept");
        }
        other => panic!("expected a 401, got {other:?}"),
    }
}

#[tokio::test]
async fn a_repeated_retry_key_is_already_accepted_and_not_delivered_twice() {
    let fake = Platform::start().await;
    let c = client(&fake, TOKEN);
    let user = fake.add_user("Ana", None);
    let key = uuid::Uuid::new_v4().to_string();
    let m = raw(&[Message::text("uma vez").unwrap()]);
    assert_eq!(c.push(&ChatId::parse(&user).unwrap(), &m, &key).await.unwrap(), PushOutcome::Accepted);
    assert_eq!(c.push(&ChatId::parse(&user).unwrap(), &m, &key).await.unwrap(), PushOutcome::AlreadyAccepted);
    assert_eq!(fake.delivered(&user).len(), 1);
}

#[tokio::test]
async fn quick_replies_built_by_our_builders_are_accepted_by_the_platform() {
    let fake = Platform::start().await;
    let c = client(&fake, TOKEN);
    let user = fake.add_user("Taro", Some("ja"));
    let items =
        (0..13).map(|i| QuickReplyItem::postback(&format!("選択 {i}"), &format!("choice={i}"), Some("はい")).unwrap());
    let m = Message::text("どれですか").unwrap().with_quick_reply(QuickReply::new(items.collect()).unwrap());
    c.push(&ChatId::parse(&user).unwrap(), &raw(&[m]), &uuid::Uuid::new_v4().to_string()).await.unwrap();
    let got = fake.delivered(&user);
    assert_eq!(got[0].messages[0]["quickReply"]["items"].as_array().unwrap().len(), 13);
}

#[tokio::test]
async fn loading_animation_and_message_content_work_for_a_resident() {
    let fake = Platform::start().await;
    let c = client(&fake, TOKEN);
    let user = fake.add_user("Ana", Some("pt-BR"));
    c.show_loading(&ChatId::parse(&user).unwrap(), 7).await.unwrap(); // rounded to a multiple of 5
    let group = c.show_loading(&ChatId::parse("C0123456789abcdef0123456789abcdef").unwrap(), 5).await;
    assert_eq!(group.unwrap_err().api().map(|e| e.status), Some(400), "one-on-one chats only");

    let image = fake.image_event(&user);
    let id = image["message"]["id"].as_str().unwrap();
    let (content_type, bytes) = c.content(id).await.unwrap();
    assert_eq!(content_type.as_deref(), Some("image/png"));
    assert!(!bytes.is_empty());
    assert_eq!(c.content("999999999").await.unwrap_err().api().map(|e| e.status), Some(404));

    fake.fail_next(Endpoint::Profile, Failure::Status(500), 1);
    assert!(c.profile(&LineUserId::parse(&user).unwrap()).await.unwrap_err().api().is_some_and(|e| e.is_transient()));
}
