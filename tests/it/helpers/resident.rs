//! A resident on the fake platform, talking to the running service one message at a time,
//! and readers of the bot's messages.

use std::time::Duration;

use frontdesk::ids::{CaseNumber, LineUserId};
use frontdesk::line::fake::FakeLine;
use serde_json::Value;

use super::app::TestApp;

/// How long a resident waits for the bot's answer.
const ANSWER: Duration = Duration::from_secs(10);

/// A friend of the bot. Holds its own handle on the platform, so the service can be
/// restarted under it.
pub struct Resident {
    pub fake: FakeLine,
    pub id: String,
    /// Deliveries already read.
    pub seen: usize,
}

impl Resident {
    /// The resident's user id, as the store takes it.
    pub fn user_id(&self) -> LineUserId {
        super::user_id(&self.id)
    }

    pub fn new(fake: &FakeLine, name: &str, lang: Option<&str>) -> Self {
        Resident { fake: fake.clone(), id: fake.add_user(name, lang), seen: 0 }
    }

    /// Sends one event and returns the bot's answer (its messages).
    pub async fn send(&mut self, event: Value) -> Vec<Value> {
        assert_eq!(self.fake.send_events(vec![event]).await.unwrap().status, 200);
        let got = self.fake.wait_delivered(&self.id, self.seen + 1, ANSWER).await;
        assert!(got.len() > self.seen, "no answer");
        self.seen = got.len();
        got.last().unwrap().messages.clone()
    }

    pub async fn say(&mut self, text: &str) -> Vec<Value> {
        self.send(self.fake.text_event(&self.id, text)).await
    }

    /// Taps a quick-reply button that the last answer offered.
    pub async fn tap(&mut self, data: &str) -> Vec<Value> {
        let offered = self.fake.delivered(&self.id).last().map(|d| buttons(&d.messages)).unwrap_or_default();
        assert!(offered.iter().any(|(_, d)| d == data), "{data} not offered: {offered:?}");
        self.send(self.fake.postback_event(&self.id, data)).await
    }

    /// Follows the bot, then taps each of `taps` in turn.
    pub async fn follow_and_tap(&mut self, taps: &[&str]) {
        self.send(self.fake.follow_event(&self.id)).await;
        for data in taps {
            self.tap(data).await;
        }
    }

    /// Answers the first questions and asks for a person, which opens a case at once;
    /// returns the case number.
    pub async fn open_case(&mut self, app: &TestApp, share: bool, tonight: &str) -> CaseNumber {
        let share = if share { "consent_share:yes" } else { "consent_share:no" };
        let tonight = format!("tonight:{tonight}");
        self.follow_and_tap(&["consent_record:yes", share, "safety:no", &tonight, "cmd:person"]).await;
        let cases = app.store.cases_of(&self.user_id()).await.unwrap();
        assert_eq!(cases.len(), 1);
        cases[0].number.clone()
    }

    /// Sends one event that the bot does not answer (e.g. while staff hold the case): waits
    /// until it is handled and checks that nothing was written or sent back.
    pub async fn send_quietly(&mut self, app: &TestApp, event: Value) {
        let written = app.store.outbox_ids_for(&super::chat_id(&self.id)).await.unwrap().len();
        assert_eq!(self.fake.send_events(vec![event]).await.unwrap().status, 200);
        app.settled(&[&self.id]).await;
        assert_eq!(
            app.store.outbox_ids_for(&super::chat_id(&self.id)).await.unwrap().len(),
            written,
            "the bot wrote nothing"
        );
        assert_eq!(self.fake.delivered(&self.id).len(), self.seen, "the bot stayed quiet");
    }

    /// Waits for the next delivery to this resident (a push from staff) and returns its texts.
    pub async fn next_delivery(&mut self) -> Vec<String> {
        let got = self.fake.wait_delivered(&self.id, self.seen + 1, ANSWER).await;
        assert!(got.len() > self.seen, "nothing was delivered");
        self.seen = got.len();
        texts(&got.last().unwrap().messages)
    }
}

/// The answers up to "send" of a resident sleeping in a car with the shelter topic (an
/// urgent case, the shelter queue), in the language of the profile.
pub const SHELTER_TAPS: [&str; 14] = [
    "consent_record:yes",
    "consent_share:yes",
    "safety:no",
    "tonight:car",
    "topics:shelter",
    "topics:done",
    "household:alone",
    "vulnerable:none",
    "area:central",
    "description:skip",
    "contact:line",
    "contact_time:anytime",
    "interpreter:no",
    "window:any",
];

/// Texts of the text messages in a delivery, and the alternative texts of flex messages.
pub fn texts(messages: &[Value]) -> Vec<String> {
    messages.iter().filter_map(|m| m["text"].as_str().or(m["altText"].as_str()).map(str::to_owned)).collect()
}

/// (label, postback data) of the quick-reply buttons.
pub fn buttons(messages: &[Value]) -> Vec<(String, String)> {
    messages
        .iter()
        .filter_map(|m| m["quickReply"]["items"].as_array())
        .flatten()
        .map(|i| {
            (
                i["action"]["label"].as_str().unwrap_or("").to_owned(),
                i["action"]["data"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}
