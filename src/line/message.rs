//! Outgoing message objects and their builders, with LINE's limits enforced at construction.
//!
//! Limits (Messaging API reference, "Message objects" and "Action objects"; LINE Developers,
//! "Text character count" and "Using quick replies"): text ≤ 5000 UTF-16 code units; quick
//! reply ≤ 13 items; action labels ≤ 20 characters; postback `data` ≤ 300 characters;
//! URI action `uri` ≤ 1000 characters with the schemes http, https, line or tel. Flex
//! messages are in `flex`.

pub mod flex;

use serde::{Deserialize, Serialize};

/// LINE counts text length in UTF-16 code units (`text-character-count` page).
pub const MAX_TEXT_UTF16: usize = 5000;
/// `QuickReply.items` maxItems in messaging-api.yml.
pub const MAX_QUICK_REPLY_ITEMS: usize = 13;
/// Quick-reply action label limit; LINE counts labels in grapheme clusters, we count `char`s,
/// which is never fewer, so a label we accept LINE accepts.
pub const MAX_LABEL_CHARS: usize = 20;
/// Postback `data`, `displayText` and message-action `text` limit (messaging-api.yml).
pub const MAX_ACTION_DATA_CHARS: usize = 300;
/// URI action `uri` limit ("URI action": "Max character limit: 1000").
pub const MAX_URI_CHARS: usize = 1000;
/// The schemes a URI action may open ("URI action": http, https, line, tel).
pub const URI_SCHEMES: [&str; 4] = ["http", "https", "line", "tel"];
/// Reply and push accept 1 to 5 messages.
pub const MAX_MESSAGES_PER_REQUEST: usize = 5;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MessageError {
    #[error("a text message must not be empty")]
    EmptyText,
    #[error("a text message may hold at most {MAX_TEXT_UTF16} UTF-16 code units, this one has {0}")]
    TextTooLong(usize),
    #[error("a quick reply may hold 1 to {MAX_QUICK_REPLY_ITEMS} items, this one has {0}")]
    QuickReplyItems(usize),
    #[error("an action label must have 1 to {MAX_LABEL_CHARS} characters: {0:?}")]
    Label(String),
    #[error("action data or text must have 1 to {MAX_ACTION_DATA_CHARS} characters")]
    ActionData,
    #[error("a flex message's alternative text may hold at most 1500 UTF-16 code units, this one has {0}")]
    AltTextTooLong(usize),
    #[error(
        "a sender's name has 1 to {MAX_SENDER_NAME_CHARS} characters, without the word LINE, and its icon an https URL"
    )]
    Sender,
    #[error("a URI action opens an http, https, line or tel URI of at most {MAX_URI_CHARS} characters")]
    Uri,
}

/// `Sender.name` maxLength in messaging-api.yml ("Certain words such as `LINE` may not be used").
pub const MAX_SENDER_NAME_CHARS: usize = 20;
/// `Sender.iconUrl` maxLength.
pub const MAX_SENDER_ICON_CHARS: usize = 2000;

/// The name and icon shown with a message instead of the account's (Messaging API
/// reference, "Message objects" › "Common properties" › `sender`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Sender {
    name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    icon_url: Option<String>,
}

impl Sender {
    pub fn new(name: &str, icon_url: Option<&str>) -> Result<Sender, MessageError> {
        let n = name.chars().count();
        let name_ok = (1..=MAX_SENDER_NAME_CHARS).contains(&n) && !name.to_ascii_uppercase().contains("LINE");
        let icon_ok = icon_url.is_none_or(|u| u.starts_with("https://") && u.chars().count() <= MAX_SENDER_ICON_CHARS);
        if !name_ok || !icon_ok || name.trim().is_empty() {
            return Err(MessageError::Sender);
        }
        Ok(Sender { name: name.to_owned(), icon_url: icon_url.map(str::to_owned) })
    }

    pub fn name(&self) -> &str {
        &self.name
    }
}

/// A message object as LINE's API takes it. Only the kinds frontdesk sends are modelled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Message {
    #[serde(rename_all = "camelCase")]
    Text {
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        quick_reply: Option<QuickReply>,
        /// Who the resident sees as writing (a staff member, not the bot).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        sender: Option<Sender>,
    },
    /// A flex message: `altText` is what notifications and older clients show.
    #[serde(rename_all = "camelCase")]
    Flex { alt_text: String, contents: flex::Container },
}

impl Message {
    /// A text message; fails if empty or over LINE's length limit.
    pub fn text(text: impl Into<String>) -> Result<Self, MessageError> {
        let text = text.into();
        if text.trim().is_empty() {
            return Err(MessageError::EmptyText);
        }
        let units = utf16_len(&text);
        if units > MAX_TEXT_UTF16 {
            return Err(MessageError::TextTooLong(units));
        }
        Ok(Message::Text { text, quick_reply: None, sender: None })
    }

    /// A text message cut (on a character boundary, with an ellipsis) to fit LINE's limit.
    /// For echoing back what a resident wrote; what is stored is never cut.
    pub fn text_truncated(text: &str) -> Result<Self, MessageError> {
        Self::text(truncate_utf16(text, MAX_TEXT_UTF16))
    }

    /// A flex message; fails if the alternative text is empty or too long.
    pub fn flex(alt_text: impl Into<String>, contents: flex::Container) -> Result<Self, MessageError> {
        let alt_text = alt_text.into();
        flex::check_alt_text(&alt_text)?;
        Ok(Message::Flex { alt_text, contents })
    }

    /// What a person reads of the message: a text's text, a flex message's alternative text.
    pub fn plain_text(&self) -> &str {
        match self {
            Message::Text { text, .. } => text,
            Message::Flex { alt_text, .. } => alt_text,
        }
    }

    /// Adds quick-reply buttons to a text message (other kinds are left as they are).
    /// The labels of its quick-reply buttons, in order (none for a flex message).
    pub fn button_labels(&self) -> Vec<&str> {
        let items = match self {
            Message::Text { quick_reply: Some(q), .. } => q.items(),
            _ => &[],
        };
        items
            .iter()
            .map(|i| match i.action() {
                Action::Postback { label, .. } | Action::Message { label, .. } | Action::Uri { label, .. } => {
                    label.as_str()
                }
            })
            .collect()
    }

    pub fn with_quick_reply(mut self, reply: QuickReply) -> Self {
        if let Message::Text { quick_reply, .. } = &mut self {
            *quick_reply = Some(reply);
        }
        self
    }

    /// Shown as written by `who` (a text message; the bot's own messages carry none).
    pub fn with_sender(mut self, who: Sender) -> Self {
        if let Message::Text { sender, .. } = &mut self {
            *sender = Some(who);
        }
        self
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuickReply {
    items: Vec<QuickReplyItem>,
}

impl QuickReply {
    pub fn new(items: Vec<QuickReplyItem>) -> Result<Self, MessageError> {
        if items.is_empty() || items.len() > MAX_QUICK_REPLY_ITEMS {
            return Err(MessageError::QuickReplyItems(items.len()));
        }
        Ok(QuickReply { items })
    }

    pub fn items(&self) -> &[QuickReplyItem] {
        &self.items
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuickReplyItem {
    #[serde(rename = "type")]
    kind: QuickReplyItemType,
    action: Action,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
enum QuickReplyItemType {
    Action,
}

/// Actions allowed in a quick reply that frontdesk uses (messaging-api.yml `Action`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Action {
    /// Sends `data` back as a postback event; `displayText` is shown as the resident's message.
    #[serde(rename_all = "camelCase")]
    Postback {
        label: String,
        data: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        display_text: Option<String>,
    },
    /// Sends `text` as if the user typed it (in a group: as that member's message).
    Message { label: String, text: String },
    /// Opens `uri` (a web page in LINE's browser, a phone call for `tel:`).
    Uri { label: String, uri: String },
}

impl Action {
    /// A message action, for buttons outside quick replies.
    pub fn message(label: &str, text: &str) -> Result<Self, MessageError> {
        check_label(label)?;
        check_data(text)?;
        Ok(Action::Message { label: label.to_owned(), text: text.to_owned() })
    }

    /// A URI action; only the schemes LINE opens, within its length limit.
    pub fn uri(label: &str, uri: &str) -> Result<Self, MessageError> {
        check_label(label)?;
        let scheme = uri.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
        let known = scheme.is_some_and(|s| URI_SCHEMES.contains(&s.as_str()));
        if !known || uri.chars().count() > MAX_URI_CHARS || uri.chars().any(char::is_whitespace) {
            return Err(MessageError::Uri);
        }
        Ok(Action::Uri { label: label.to_owned(), uri: uri.to_owned() })
    }
}

impl QuickReplyItem {
    pub fn postback(label: &str, data: &str, display_text: Option<&str>) -> Result<Self, MessageError> {
        check_label(label)?;
        check_data(data)?;
        if let Some(d) = display_text {
            check_data(d)?;
        }
        Ok(Self::from_action(Action::Postback {
            label: label.to_owned(),
            data: data.to_owned(),
            display_text: display_text.map(str::to_owned),
        }))
    }

    pub fn message(label: &str, text: &str) -> Result<Self, MessageError> {
        Ok(Self::from_action(Action::message(label, text)?))
    }

    fn from_action(action: Action) -> Self {
        QuickReplyItem { kind: QuickReplyItemType::Action, action }
    }

    pub fn action(&self) -> &Action {
        &self.action
    }
}

fn check_label(label: &str) -> Result<(), MessageError> {
    let n = label.chars().count();
    if label.trim().is_empty() || n > MAX_LABEL_CHARS {
        return Err(MessageError::Label(label.to_owned()));
    }
    Ok(())
}

fn check_data(data: &str) -> Result<(), MessageError> {
    let n = data.chars().count();
    if n == 0 || n > MAX_ACTION_DATA_CHARS {
        return Err(MessageError::ActionData);
    }
    Ok(())
}

pub fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// Cuts `s` so that it (with a trailing "…") fits in `max_units` UTF-16 code units.
pub fn truncate_utf16(s: &str, max_units: usize) -> String {
    if utf16_len(s) <= max_units {
        return s.to_owned();
    }
    let budget = max_units.saturating_sub(1); // room for '…' (1 unit)
    let mut used = 0;
    let mut out = String::new();
    for c in s.chars() {
        used += c.len_utf16();
        if used > budget {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_length_is_counted_in_utf16_units() {
        // 🍎 is one char but two UTF-16 units.
        assert!(Message::text("🍎".repeat(2500)).is_ok());
        assert_eq!(Message::text("🍎".repeat(2501)), Err(MessageError::TextTooLong(5002)));
        assert_eq!(Message::text("  "), Err(MessageError::EmptyText));
    }

    #[test]
    fn truncation_fits_the_limit_without_splitting_a_surrogate_pair() {
        let long = "🍎".repeat(4000);
        let m = Message::text_truncated(&long).unwrap();
        let text = m.plain_text();
        assert!(utf16_len(text) <= MAX_TEXT_UTF16);
        assert!(text.ends_with('…'));
        assert_eq!(truncate_utf16("short", 10), "short");
    }

    #[test]
    fn quick_reply_limits_are_enforced() {
        let item = || QuickReplyItem::message("はい", "はい").unwrap();
        assert!(QuickReply::new(vec![item(); 13]).is_ok());
        assert_eq!(QuickReply::new(vec![item(); 14]), Err(MessageError::QuickReplyItems(14)));
        assert_eq!(QuickReply::new(vec![]), Err(MessageError::QuickReplyItems(0)));
        assert!(QuickReplyItem::message(&"あ".repeat(21), "x").is_err());
        assert!(QuickReplyItem::postback("ok", &"d".repeat(301), None).is_err());
    }

    #[test]
    fn messages_serialise_as_line_expects() {
        let m = Message::text("こんにちは").unwrap().with_quick_reply(
            QuickReply::new(vec![
                QuickReplyItem::postback("はい", "consent=yes", Some("はい")).unwrap(),
                QuickReplyItem::message("言語", "言語").unwrap(),
            ])
            .unwrap(),
        );
        let v = serde_json::to_value(&m).unwrap();
        assert_eq!(
            v,
            serde_json::json!({
                "type": "text", "text": "こんにちは",
                "quickReply": {"items": [
                    {"type": "action", "action": {"type": "postback", "label": "はい", "data": "consent=yes", "displayText": "はい"}},
                    {"type": "action", "action": {"type": "message", "label": "言語", "text": "言語"}}
                ]}
            })
        );
        let back: Message = serde_json::from_value(v).unwrap();
        assert_eq!(back, m);
    }
}
