//! Flex messages, the small typed part frontdesk sends: one bubble of text components with
//! buttons (Messaging API reference, "Flex Message" and "Flex Message elements": bubble,
//! box, text, button; `messaging-api.yml` `FlexBubble`, `FlexBox`, `FlexText`, `FlexButton`).

use serde::{Deserialize, Serialize};

use super::{utf16_len, Action, MessageError};

/// Flex `altText` limit (Messaging API reference, "Flex Message": "Max character limit:
/// 1500"); counted in UTF-16 code units like text, which is never fewer than LINE counts.
pub const MAX_ALT_TEXT: usize = 1500;

/// A flex message's container; frontdesk sends single bubbles only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Container {
    Bubble(Bubble),
}

/// `FlexBubble`: a header, a body and a footer, each a box.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bubble {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<Block>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Block>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub footer: Option<Block>,
}

/// A bubble's block: a box component, `"type": "box"` like any other.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Block {
    Box(FlexBox),
}

/// `FlexBox.layout`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Layout {
    Vertical,
    Horizontal,
}

/// `FlexBox`: components laid out in a row or a column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlexBox {
    pub layout: Layout,
    pub contents: Vec<Component>,
    /// `none`, `xs` … `xxl`: the space between the components.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spacing: Option<String>,
}

impl FlexBox {
    pub fn vertical(contents: Vec<Component>) -> Self {
        FlexBox { layout: Layout::Vertical, contents, spacing: None }
    }
}

/// `FlexText.weight`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Weight {
    Regular,
    Bold,
}

/// `FlexButton.style`: `primary` filled, `secondary` grey, `link` a plain link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ButtonStyle {
    Primary,
    Secondary,
    Link,
}

/// The components frontdesk uses (`FlexComponent.discriminator`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Component {
    Box(FlexBox),
    Text {
        text: String,
        /// Wrapped onto several lines instead of cut with "…".
        wrap: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        weight: Option<Weight>,
        /// `xxs` … `5xl`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        size: Option<String>,
    },
    Button {
        action: Action,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        style: Option<ButtonStyle>,
    },
}

impl Component {
    /// A wrapped text; an empty one is refused (LINE rejects a text component without text).
    pub fn text(text: impl Into<String>) -> Result<Self, MessageError> {
        let text = text.into();
        if text.trim().is_empty() {
            return Err(MessageError::EmptyText);
        }
        Ok(Component::Text { text, wrap: true, weight: None, size: None })
    }

    /// A bold text, for a header.
    pub fn bold(text: impl Into<String>) -> Result<Self, MessageError> {
        match Self::text(text)? {
            Component::Text { text, wrap, size, .. } => {
                Ok(Component::Text { text, wrap, weight: Some(Weight::Bold), size })
            }
            other => Ok(other),
        }
    }

    pub fn button(action: Action, style: ButtonStyle) -> Self {
        Component::Button { action, style: Some(style) }
    }
}

/// Checks a flex message's alternative text (shown in notifications and the chat list).
pub(super) fn check_alt_text(alt_text: &str) -> Result<(), MessageError> {
    if alt_text.trim().is_empty() {
        return Err(MessageError::EmptyText);
    }
    let units = utf16_len(alt_text);
    if units > MAX_ALT_TEXT {
        return Err(MessageError::AltTextTooLong(units));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::Message;
    use super::*;

    fn bubble() -> Container {
        Container::Bubble(Bubble {
            header: Some(Block::Box(FlexBox::vertical(vec![Component::bold("【至急】").unwrap()]))),
            body: Some(Block::Box(FlexBox::vertical(vec![Component::text("受付番号：261205-0001").unwrap()]))),
            footer: Some(Block::Box(FlexBox::vertical(vec![
                Component::button(
                    Action::message("対応します", "対応します 261205-0001").unwrap(),
                    ButtonStyle::Primary,
                ),
                Component::button(
                    Action::uri("ダッシュボードで開く", "https://frontdesk.example/staff/cases/261205-0001").unwrap(),
                    ButtonStyle::Link,
                ),
            ]))),
        })
    }

    #[test]
    fn a_flex_bubble_serialises_as_line_expects() {
        let m = Message::flex("【至急】 261205-0001", bubble()).unwrap();
        let v = serde_json::to_value(&m).unwrap();
        assert_eq!(v["type"], "flex");
        assert_eq!(v["altText"], "【至急】 261205-0001");
        assert_eq!(v["contents"]["type"], "bubble");
        assert_eq!(
            v["contents"]["header"]["contents"][0],
            serde_json::json!({"type": "text", "text": "【至急】", "wrap": true, "weight": "bold"})
        );
        assert_eq!(
            (&v["contents"]["body"]["type"], &v["contents"]["body"]["layout"]),
            (&"box".into(), &"vertical".into())
        );
        assert_eq!(v["contents"]["header"]["type"], "box");
        assert_eq!(
            v["contents"]["footer"]["contents"][0],
            serde_json::json!({"type": "button", "style": "primary",
                "action": {"type": "message", "label": "対応します", "text": "対応します 261205-0001"}})
        );
        assert_eq!(v["contents"]["footer"]["contents"][1]["action"]["type"], "uri");
        let back: Message = serde_json::from_value(v).unwrap();
        assert_eq!(back, m);
    }

    #[test]
    fn alt_text_and_uri_limits_are_enforced() {
        assert_eq!(Message::flex(" ", bubble()), Err(MessageError::EmptyText));
        assert!(Message::flex("a".repeat(MAX_ALT_TEXT), bubble()).is_ok());
        assert_eq!(Message::flex("a".repeat(MAX_ALT_TEXT + 1), bubble()), Err(MessageError::AltTextTooLong(1501)));
        assert!(Action::uri("開く", "javascript:alert(1)").is_err());
        assert!(Action::uri("開く", &format!("https://a.example/{}", "x".repeat(1000))).is_err());
        assert!(Action::uri("電話", "tel:0120000000").is_ok());
        assert!(Action::uri(&"あ".repeat(21), "https://a.example").is_err());
        assert!(Component::text("").is_err());
    }
}
