//! The rich-menu part of the Messaging API client: the rich menu object and the calls that
//! create, illustrate, name, show and remove menus (Messaging API reference, "Rich menu";
//! `messaging-api.yml` `RichMenuRequest`, `RichMenuResponse`, `CreateRichMenuAliasRequest`).
//!
//! Create and delete have their own low rate limit (reference, "Rate limits"): menus are made
//! once, by `frontdesk richmenu install`; a resident's menu is only ever linked.

use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};

use super::client::{check, LineClient, LineError};
use crate::ids::LineUserId;

/// `RichMenuSize`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Size {
    pub width: u32,
    pub height: u32,
}

/// `RichMenuBounds`: a tappable area, in the image's pixels from its top-left corner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bounds {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
}

/// The one kind of action our menus use: a postback the intake reads like a quick-reply
/// button's (`PostbackAction`). `displayText` is shown in the chat as the resident's own
/// message; `label` (≤ 20) is read by accessibility features.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename = "postback", rename_all = "camelCase")]
pub struct PostbackAction {
    pub label: String,
    pub data: String,
    pub display_text: String,
}

/// `RichMenuArea`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Area {
    pub bounds: Bounds,
    pub action: PostbackAction,
}

/// `RichMenuRequest` (what is sent) and, with its id, `RichMenuResponse` (what is read back).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RichMenu {
    pub size: Size,
    /// Shown open when the chat opens.
    pub selected: bool,
    /// Not shown to residents (≤ 300); ours start with `frontdesk-`, so install finds its own.
    pub name: String,
    /// The text of the chat-bar button that opens the menu (≤ 14).
    pub chat_bar_text: String,
    pub areas: Vec<Area>,
}

/// A menu LINE holds: `RichMenuResponse`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredRichMenu {
    pub rich_menu_id: String,
    #[serde(flatten)]
    pub menu: RichMenu,
}

/// `RichMenuAliasResponse`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Alias {
    pub rich_menu_alias_id: String,
    pub rich_menu_id: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct IdResponse {
    rich_menu_id: String,
}

/// Rich-menu and alias ids go into paths: keep them from changing the path. Real ids are
/// `richmenu-` + hex; aliases match `^[a-z0-9_-]{1,32}$` (`CreateRichMenuAliasRequest`).
fn menu_segment(id: &str) -> String {
    id.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect()
}

impl LineClient {
    fn get(&self, path: &str) -> reqwest::RequestBuilder {
        self.http.get(format!("{}{path}", self.api_base)).bearer_auth(self.token.expose_secret())
    }

    fn delete(&self, path: &str) -> reqwest::RequestBuilder {
        self.http.delete(format!("{}{path}", self.api_base)).bearer_auth(self.token.expose_secret())
    }

    async fn send(request: reqwest::RequestBuilder) -> Result<reqwest::Response, LineError> {
        check(request.send().await.map_err(LineError::from_reqwest)?).await
    }

    /// `POST /v2/bot/richmenu` → the new menu's id. A menu is not shown until it has an image.
    pub async fn create_rich_menu(&self, menu: &RichMenu) -> Result<String, LineError> {
        let resp = Self::send(self.post("/v2/bot/richmenu").json(menu)).await?;
        let id: IdResponse = resp.json().await.map_err(LineError::from_reqwest)?;
        Ok(id.rich_menu_id)
    }

    /// `POST /v2/bot/richmenu/{richMenuId}/content` on the data host (api-data.line.me), with
    /// `Content-Type: image/png` or `image/jpeg`. A menu takes one image, once.
    pub async fn upload_rich_menu_image(
        &self,
        rich_menu_id: &str,
        content_type: &str,
        image: Vec<u8>,
    ) -> Result<(), LineError> {
        let url = format!("{}/v2/bot/richmenu/{}/content", self.data_base, menu_segment(rich_menu_id));
        let request = self
            .http
            .post(url)
            .bearer_auth(self.token.expose_secret())
            .header(reqwest::header::CONTENT_TYPE, content_type)
            .body(image);
        Self::send(request).await.map(drop)
    }

    /// `GET /v2/bot/richmenu/list`: every menu the channel has.
    pub async fn rich_menus(&self) -> Result<Vec<StoredRichMenu>, LineError> {
        #[derive(Deserialize)]
        struct List {
            richmenus: Vec<StoredRichMenu>,
        }
        let list: List =
            Self::send(self.get("/v2/bot/richmenu/list")).await?.json().await.map_err(LineError::from_reqwest)?;
        Ok(list.richmenus)
    }

    /// `DELETE /v2/bot/richmenu/{richMenuId}`.
    pub async fn delete_rich_menu(&self, rich_menu_id: &str) -> Result<(), LineError> {
        Self::send(self.delete(&format!("/v2/bot/richmenu/{}", menu_segment(rich_menu_id)))).await.map(drop)
    }

    /// `GET /v2/bot/richmenu/alias/list`.
    pub async fn rich_menu_aliases(&self) -> Result<Vec<Alias>, LineError> {
        #[derive(Deserialize)]
        struct List {
            aliases: Vec<Alias>,
        }
        let resp = Self::send(self.get("/v2/bot/richmenu/alias/list")).await?;
        let list: List = resp.json().await.map_err(LineError::from_reqwest)?;
        Ok(list.aliases)
    }

    /// `POST /v2/bot/richmenu/alias` (a new alias) or `POST /v2/bot/richmenu/alias/{richMenuAliasId}`
    /// (an existing one now names another menu).
    pub async fn set_rich_menu_alias(&self, alias: &Alias, exists: bool) -> Result<(), LineError> {
        let request = if exists {
            let path = format!("/v2/bot/richmenu/alias/{}", menu_segment(&alias.rich_menu_alias_id));
            self.post(&path).json(&serde_json::json!({ "richMenuId": alias.rich_menu_id }))
        } else {
            self.post("/v2/bot/richmenu/alias").json(alias)
        };
        Self::send(request).await.map(drop)
    }

    /// `POST /v2/bot/user/all/richmenu/{richMenuId}`: the menu of everyone without their own.
    pub async fn set_default_rich_menu(&self, rich_menu_id: &str) -> Result<(), LineError> {
        let path = format!("/v2/bot/user/all/richmenu/{}", menu_segment(rich_menu_id));
        Self::send(self.post(&path)).await.map(drop)
    }

    /// `POST /v2/bot/user/{userId}/richmenu/{richMenuId}`: this resident's menu, which wins
    /// over the default.
    pub async fn link_rich_menu(&self, user_id: &LineUserId, rich_menu_id: &str) -> Result<(), LineError> {
        let path = format!(
            "/v2/bot/user/{}/richmenu/{}",
            super::client::path_segment(user_id.as_str()),
            menu_segment(rich_menu_id)
        );
        Self::send(self.post(&path)).await.map(drop)
    }
}

/// A PNG's (width, height): the 8-byte signature, then the IHDR chunk first, with width and
/// height as big-endian u32 at bytes 16..24 (PNG specification, "IHDR Image header").
/// `None` for anything that is not a PNG.
pub fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.len() < 24 || &bytes[..8] != b"\x89PNG\r\n\x1a\n" || &bytes[12..16] != b"IHDR" {
        return None;
    }
    let be = |i: usize| u32::from_be_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
    Some((be(16), be(20)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_menu_serialises_with_line_field_names() {
        let menu = RichMenu {
            size: Size { width: 2500, height: 843 },
            selected: false,
            name: "frontdesk-ja".into(),
            chat_bar_text: "メニュー".into(),
            areas: vec![Area {
                bounds: Bounds { x: 0, y: 0, width: 1250, height: 421 },
                action: PostbackAction {
                    label: "相談の状況".into(),
                    data: "cmd:status".into(),
                    display_text: "相談の状況".into(),
                },
            }],
        };
        let json = serde_json::to_value(&menu).unwrap();
        assert_eq!(json["chatBarText"], "メニュー");
        assert_eq!(json["areas"][0]["action"]["type"], "postback");
        assert_eq!(json["areas"][0]["action"]["displayText"], "相談の状況");
        let back: StoredRichMenu =
            serde_json::from_value(serde_json::json!({ "richMenuId": "richmenu-1", "size": json["size"],
                "selected": false, "name": "frontdesk-ja", "chatBarText": "メニュー", "areas": json["areas"] }))
            .unwrap();
        assert_eq!(back.menu, menu);
    }

    #[test]
    fn menu_ids_cannot_change_the_request_path() {
        assert_eq!(menu_segment("richmenu-88c0/../x?y"), "richmenu-88c0xy");
        assert_eq!(menu_segment("richmenu-pt-br"), "richmenu-pt-br");
    }
}
