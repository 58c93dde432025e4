//! The fake's rich-menu endpoints over real HTTP, through the typed client where it can go,
//! and with raw requests for what the client never sends (bad menus and images).

use std::time::Duration;

use secrecy::SecretString;
use serde_json::{json, Value};
use tokio_util::sync::CancellationToken;

use super::*;
use crate::ids::LineUserId;
use crate::line::client::LineClient;
use crate::line::richmenu::{Alias, Area, Bounds, PostbackAction, RichMenu, Size};

const PNG: &[u8] = include_bytes!("../../../assets/richmenu/vi.png");

struct Running {
    fake: FakeLine,
    client: LineClient,
    http: reqwest::Client,
    shutdown: CancellationToken,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.shutdown.cancel();
    }
}

async fn running() -> Running {
    let fake = FakeLine::new(FakeConfig::default());
    let shutdown = CancellationToken::new();
    fake.start(shutdown.clone()).await.unwrap();
    let token = SecretString::from(fake.config().access_token.clone());
    let client = LineClient::new(&fake.base_url(), &fake.base_url(), token, Duration::from_secs(5)).unwrap();
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    Running { fake, client, http, shutdown }
}

fn menu(chat_bar_text: &str) -> RichMenu {
    let action = PostbackAction {
        label: "Số khẩn cấp".into(),
        data: "cmd:emergency".into(),
        display_text: "Số khẩn cấp".into(),
    };
    RichMenu {
        size: Size { width: 2500, height: 843 },
        selected: false,
        name: "frontdesk-vi".into(),
        chat_bar_text: chat_bar_text.into(),
        areas: vec![Area { bounds: Bounds { x: 0, y: 421, width: 1250, height: 422 }, action }],
    }
}

impl Running {
    async fn raw(&self, path: &str, content_type: &str, body: Vec<u8>) -> (u16, Value) {
        let url = format!("{}{path}", self.fake.base_url());
        let token = self.fake.config().access_token.clone();
        let response = self
            .http
            .post(url)
            .bearer_auth(token)
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }
}

#[tokio::test]
async fn a_menu_is_created_illustrated_aliased_made_default_and_linked() {
    let t = running().await;
    let id = t.client.create_rich_menu(&menu("Menu")).await.unwrap();
    assert!(id.starts_with("richmenu-"), "{id}");
    // Without its image a menu cannot be shown.
    let e = t.client.set_default_rich_menu(&id).await.unwrap_err();
    assert_eq!(e.api().unwrap().body.message, "must upload richmenu image before applying it to user");

    t.client.upload_rich_menu_image(&id, "image/png", PNG.to_vec()).await.unwrap();
    let alias = Alias { rich_menu_alias_id: "richmenu-vi".into(), rich_menu_id: id.clone() };
    t.client.set_rich_menu_alias(&alias, false).await.unwrap();
    let again = t.client.set_rich_menu_alias(&alias, false).await.unwrap_err();
    assert_eq!(again.api().unwrap().body.message, "conflict richmenu alias id");
    t.client.set_default_rich_menu(&id).await.unwrap();
    let user = t.fake.add_user("Lan", Some("vi"));
    t.client.link_rich_menu(&LineUserId::parse(&user).unwrap(), &id).await.unwrap();

    let listed = t.client.rich_menus().await.unwrap();
    assert_eq!((listed.len(), listed[0].rich_menu_id.as_str(), &listed[0].menu), (1, id.as_str(), &menu("Menu")));
    assert_eq!(t.client.rich_menu_aliases().await.unwrap(), vec![alias]);
    assert_eq!(t.fake.default_rich_menu(), Some(id.clone()));
    assert_eq!(t.fake.linked_rich_menu(&user), Some(id.clone()));
    assert_eq!(t.fake.rich_menu_shown_to(&user).unwrap().image.as_deref(), Some(PNG));

    // Deleting it ends what named it; a second delete is LINE's 404.
    t.client.delete_rich_menu(&id).await.unwrap();
    assert_eq!((t.fake.default_rich_menu(), t.fake.linked_rich_menu(&user)), (None, None));
    assert!(t.fake.rich_menu_aliases().is_empty());
    let gone = t.client.delete_rich_menu(&id).await.unwrap_err();
    assert_eq!((gone.api().unwrap().status, gone.api().unwrap().body.message.as_str()), (404, "Not found"));
}

#[tokio::test]
async fn bad_menus_are_refused_with_lines_error_details() {
    let t = running().await;
    let e = t.client.create_rich_menu(&menu("a chat bar text over 14")).await.unwrap_err();
    let api = e.api().unwrap();
    assert_eq!((api.status, api.body.message.as_str()), (400, "The request body has 1 error(s)"));
    assert_eq!(api.body.details[0].property.as_deref(), Some("chatBarText"));

    let mut outside = menu("Menu");
    outside.areas[0].bounds.x = 1300;
    outside.areas[0].action.label = "x".repeat(21);
    let e = t.client.create_rich_menu(&outside).await.unwrap_err();
    let properties: Vec<_> = e.api().unwrap().body.details.iter().filter_map(|d| d.property.clone()).collect();
    assert_eq!(properties, ["areas[0].bounds", "areas[0].action.label"]);
    assert!(t.fake.rich_menus().is_empty(), "nothing refused is kept");

    let unknown = t.client.link_rich_menu(&LineUserId::parse(&t.fake.add_user("A", None)).unwrap(), "richmenu-0").await;
    assert_eq!(unknown.unwrap_err().api().unwrap().status, 404);
}

#[tokio::test]
async fn images_must_be_png_or_jpeg_within_1_mb_of_the_menus_size_once() {
    let t = running().await;
    let id = t.client.create_rich_menu(&menu("Menu")).await.unwrap();
    let path = format!("/v2/bot/richmenu/{id}/content");
    let (status, _) = t.raw(&path, "image/gif", PNG.to_vec()).await;
    assert_eq!(status, 415);
    let mut tall = PNG.to_vec();
    tall[20..24].copy_from_slice(&1686u32.to_be_bytes());
    let (status, body) = t.raw(&path, "image/png", tall).await;
    assert_eq!((status, body["message"].as_str()), (400, Some("The image size does not match the rich menu size")));
    let mut big = PNG.to_vec();
    big.resize(1024 * 1024 + 1, 0);
    assert_eq!(t.raw(&path, "image/png", big).await.0, 413);
    let (status, body) = t.raw("/v2/bot/richmenu/richmenu-0/content", "image/png", PNG.to_vec()).await;
    assert_eq!((status, body), (404, json!({ "message": "Not found" })));

    assert_eq!(t.raw(&path, "image/png", PNG.to_vec()).await.0, 200);
    let (status, body) = t.raw(&path, "image/png", PNG.to_vec()).await;
    assert_eq!((status, body["message"].as_str()), (400, Some("An image has already been uploaded to the richmenu")));
}
