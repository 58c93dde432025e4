//! Rich menus per language through the real service and the fake platform: install (menus,
//! images, aliases, the Japanese default, the record), a clean re-install, a resident's menu
//! linked to the language they choose (through the outbox, both databases), and each
//! button's tap doing what it says through a signed webhook. The command line too.

use std::{path::Path, process::Command, time::Duration};

use frontdesk::{
    clock::now_ms,
    i18n::Locales,
    line::{
        client::LineClient,
        fake::{Endpoint, Failure, FakeLine},
    },
    richmenu::{self, Installed},
    store::Store,
};
use secrecy::SecretString;

use crate::helpers::*;

const WAIT: Duration = Duration::from_secs(10);

async fn install(fake: &FakeLine, store: &Store) -> Installed {
    let token = SecretString::from(fake.config().access_token.clone());
    let client = LineClient::new(&fake.base_url(), &fake.base_url(), token, WAIT).unwrap();
    let languages = frontdesk::config::Languages::default().offered();
    let images = richmenu::images(None, &languages).unwrap();
    richmenu::install(&client, store, &images, &Locales::load().unwrap(), now_ms()).await.unwrap()
}

/// The installed menu id of a language, as the service recorded it.
async fn menu_of(store: &Store, lang: &str) -> String {
    store.rich_menus().await.unwrap().into_iter().find(|m| m.lang == lang).unwrap().rich_menu_id
}

async fn linked_to(fake: &FakeLine, user: &str, menu: &str) {
    let what = format!("the resident's menu linked to {menu}");
    wait_until(WAIT, &what, || async { fake.linked_rich_menu(user).as_deref() == Some(menu) }).await;
}

#[tokio::test]
async fn install_makes_a_menu_per_configured_language_with_its_image_alias_and_the_japanese_default() {
    each_backend(|db| async move {
        let app = TestApp::on(db, test_settings()).await;
        let done = install(&app.fake, &app.store).await;
        assert_eq!((done.menus.len(), done.deleted), (5, 0));
        let menus = app.fake.rich_menus();
        assert_eq!(menus.len(), 5);
        let files = [
            ("ja", "ja.png"),
            ("ja-simple", "ja-simple.png"),
            ("pt-BR", "pt-BR.png"),
            ("vi", "vi.png"),
            ("en", "en.png"),
        ];
        for (lang, file) in files {
            let id = menu_of(&app.store, lang).await;
            let menu = menus.iter().find(|m| m.rich_menu_id == id).unwrap();
            let committed = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/richmenu").join(file));
            assert_eq!(menu.image.as_deref(), Some(committed.unwrap().as_slice()), "{lang}");
            assert_eq!(menu.menu["name"], format!("frontdesk-{lang}"));
            let alias = format!("richmenu-{}", lang.to_ascii_lowercase());
            assert_eq!(app.fake.rich_menu_aliases().get(&alias), Some(&id), "{alias}");
        }
        let vi = menus.iter().find(|m| m.menu["name"] == "frontdesk-vi").unwrap();
        let labels: Vec<&str> =
            vi.menu["areas"].as_array().unwrap().iter().map(|a| a["action"]["label"].as_str().unwrap()).collect();
        assert_eq!(labels, ["Bắt đầu tư vấn", "Tình trạng hồ sơ", "Số khẩn cấp", "Ngôn ngữ/Language"]);
        assert_eq!(app.fake.default_rich_menu(), Some(menu_of(&app.store, "ja").await));
    })
    .await;
}

#[tokio::test]
async fn installing_again_replaces_our_menus_only_and_links_residents_again() {
    let app = TestApp::new().await;
    // A menu someone made in the LINE console is not ours to delete.
    let token = SecretString::from(app.fake.config().access_token.clone());
    let client = LineClient::new(&app.fake.base_url(), &app.fake.base_url(), token, WAIT).unwrap();
    let mut theirs = richmenu::menu(frontdesk::i18n::Lang::JA, &Locales::load().unwrap());
    theirs.name = "campaign".into();
    let their_id = client.create_rich_menu(&theirs).await.unwrap();

    install(&app.fake, &app.store).await;
    let mut r = app.resident("Lan", Some("vi"));
    r.send(app.fake.follow_event(&r.id)).await;
    let first_vi = menu_of(&app.store, "vi").await;
    linked_to(&app.fake, &r.id, &first_vi).await;

    let again = install(&app.fake, &app.store).await;
    assert_eq!((again.deleted, again.relinked), (5, 1));
    let ids: Vec<String> = app.fake.rich_menus().into_iter().map(|m| m.rich_menu_id).collect();
    assert_eq!(ids.len(), 6, "five new menus and theirs: {ids:?}");
    assert!(ids.contains(&their_id) && !ids.contains(&first_vi));
    let vi = menu_of(&app.store, "vi").await;
    assert_eq!(app.fake.rich_menu_aliases().get("richmenu-vi"), Some(&vi));
    assert_eq!(app.fake.default_rich_menu(), Some(menu_of(&app.store, "ja").await));
    // Deleting the old menu ended the resident's link; the outbox links the new one.
    linked_to(&app.fake, &r.id, &vi).await;
}

#[tokio::test]
async fn a_resident_choosing_vietnamese_gets_the_vi_menu_linked_through_the_outbox() {
    each_backend(|db| async move {
        let app = TestApp::on(db, test_settings()).await;
        install(&app.fake, &app.store).await;
        let mut r = app.resident("Lan", None);
        r.send(app.fake.follow_event(&r.id)).await;
        assert_eq!(app.fake.linked_rich_menu(&r.id), None, "no language yet: the default menu");
        r.tap("lang:vi").await;
        let vi = menu_of(&app.store, "vi").await;
        linked_to(&app.fake, &r.id, &vi).await;
        assert_eq!(app.fake.rich_menu_shown_to(&r.id).unwrap().rich_menu_id, vi);

        // Switching later links again; choosing the same language again does not.
        r.send(app.fake.postback_event(&r.id, "cmd:language")).await;
        r.tap("lang:pt-BR").await;
        linked_to(&app.fake, &r.id, &menu_of(&app.store, "pt-BR").await).await;
        app.settled(&[&r.id]).await;
        let links = |fake: &FakeLine| fake.calls().iter().filter(|c| c.path.starts_with("/v2/bot/user/U")).count();
        assert_eq!(links(&app.fake), 2);
        r.say("tôi cần giúp đỡ").await;
        app.settled(&[&r.id]).await;
        assert_eq!(links(&app.fake), 2);
    })
    .await;
}

#[tokio::test]
async fn without_menus_installed_nothing_is_linked() {
    let app = TestApp::new().await;
    let mut r = app.resident("Lan", None);
    r.send(app.fake.follow_event(&r.id)).await;
    r.tap("lang:vi").await;
    app.settled(&[&r.id]).await;
    assert!(!app.fake.calls().iter().any(|c| c.path.contains("richmenu")), "{:?}", app.fake.calls());
}

#[tokio::test]
async fn a_link_refused_for_a_while_is_retried_and_holds_up_no_message() {
    let app = TestApp::new().await;
    install(&app.fake, &app.store).await;
    app.fake.fail_next(Endpoint::RichMenu, Failure::RateLimited { retry_after_secs: Some(1) }, 1);
    let mut r = app.resident("Maria", None);
    r.send(app.fake.follow_event(&r.id)).await;
    r.tap("lang:pt-BR").await;
    // The resident's next answer is not held behind the link waiting for its retry.
    let answer = texts(&r.tap("consent_record:yes").await).join("\n");
    assert!(!answer.is_empty());
    linked_to(&app.fake, &r.id, &menu_of(&app.store, "pt-BR").await).await;
    let statuses: Vec<u16> =
        app.fake.calls().iter().filter(|c| c.path.starts_with("/v2/bot/user/U")).map(|c| c.status).collect();
    assert_eq!(statuses, [429, 200]);
}

#[tokio::test]
async fn a_link_line_refuses_is_given_up_with_lines_words_and_the_chat_goes_on() {
    let app = TestApp::new().await;
    install(&app.fake, &app.store).await;
    app.fake.fail_next(Endpoint::RichMenu, Failure::Status(400), 1);
    let mut r = app.resident("Maria", None);
    r.send(app.fake.follow_event(&r.id)).await;
    r.tap("lang:pt-BR").await;
    r.tap("consent_record:yes").await;
    app.settled(&[&r.id]).await;
    let mut links = Vec::new();
    for id in app.store.outbox_ids_for(&chat_id(&r.id)).await.unwrap() {
        let (state, via, error, attempts) = app.store.outbox_record(id).await.unwrap().unwrap();
        if via.as_deref() != Some("reply") && via.as_deref() != Some("push") {
            links.push((state, error, attempts));
        }
    }
    assert_eq!(links, [("failed".to_owned(), Some("400 Bad Request".to_owned()), 1)]);
    assert_eq!(app.fake.linked_rich_menu(&r.id), None, "the default menu stays");
}

#[tokio::test]
async fn each_button_of_the_menu_does_what_it_says_through_a_signed_webhook() {
    let app = TestApp::new().await;
    install(&app.fake, &app.store).await;
    let mut r = app.resident("Lan", Some("vi"));
    r.send(app.fake.follow_event(&r.id)).await;
    linked_to(&app.fake, &r.id, &menu_of(&app.store, "vi").await).await;
    let menu = app.fake.rich_menu_shown_to(&r.id).unwrap().menu;
    let data = |i: usize| menu["areas"][i]["action"]["data"].as_str().unwrap().to_owned();

    // Start a consultation, mid-intake: asked before the answers are dropped.
    let told = r.send(app.fake.postback_event(&r.id, &data(0))).await;
    assert!(texts(&told).join("\n").contains("làm lại từ đầu"), "{told:?}");
    r.tap("modal:no").await;
    // My case status: none sent yet.
    let told = texts(&r.send(app.fake.postback_event(&r.id, &data(1))).await).join("\n");
    assert!(told.contains("Bạn chưa gửi yêu cầu tư vấn"), "{told}");
    // Emergency numbers, in Vietnamese, with the police and ambulance numbers.
    let told = texts(&r.send(app.fake.postback_event(&r.id, &data(2))).await).join("\n");
    assert!(told.contains("Cảnh sát: 110") && told.contains("119"), "{told}");
    // Language: the four languages as buttons.
    let told = r.send(app.fake.postback_event(&r.id, &data(3))).await;
    let offered: Vec<String> = buttons(&told).into_iter().map(|(_, d)| d).collect();
    for lang in ["lang:ja", "lang:ja-simple", "lang:pt-BR", "lang:vi"] {
        assert!(offered.iter().any(|d| d == lang), "{lang} in {offered:?}");
    }
}

fn frontdesk_command(fake: &FakeLine, db: &Path) -> Command {
    // A deployment with a LINE channel must give the centre's number.
    let config = db.with_file_name("frontdesk.toml");
    std::fs::write(&config, "[centre]\nphone = \"03-0000-0000\"\n[staff]\npublic_url = \"https://desk.example.jp\"\n")
        .unwrap();
    let mut c = Command::new(env!("CARGO_BIN_EXE_frontdesk"));
    c.env("FRONTDESK_CONFIG", &config)
        .env("LINE_CHANNEL_SECRET", SECRET)
        .env("LINE_CHANNEL_ACCESS_TOKEN", TOKEN)
        .env("LINE_API_BASE_URL", fake.base_url())
        .env("LINE_API_DATA_BASE_URL", fake.base_url())
        .env("DATABASE_URL", format!("sqlite://{}", db.display()))
        .args(["richmenu", "install"]);
    c
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_install_command_names_a_wrong_image_and_installs_a_good_folder() {
    let fake = Platform::start().await;
    let dir = tempfile::tempdir().unwrap();
    let images = dir.path().join("images");
    std::fs::create_dir(&images).unwrap();
    let copy = |file: &str| {
        std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/richmenu").join(file), images.join(file))
            .unwrap();
    };
    for file in ["ja.png", "ja-simple.png", "pt-BR.png", "vi.png"] {
        copy(file);
    }
    let db = dir.path().join("fd.db");
    // English is configured (by default) but the folder has no image for it.
    let mut without_en = frontdesk_command(&fake, &db);
    without_en.arg("--images").arg(&images);
    let out = tokio::task::spawn_blocking(move || without_en.output().unwrap()).await.unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("en.png: no such file (a rich menu image per configured language is needed"), "{err}");
    copy("en.png");

    let mut tall = std::fs::read(images.join("pt-BR.png")).unwrap();
    tall[20..24].copy_from_slice(&1686u32.to_be_bytes());
    std::fs::write(images.join("pt-BR.png"), tall).unwrap();

    let mut bad = frontdesk_command(&fake, &db);
    bad.arg("--images").arg(&images);
    let out = tokio::task::spawn_blocking(move || bad.output().unwrap()).await.unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("pt-BR.png: the image is 2500×1686 pixels; a rich menu image must be 2500×843"), "{err}");
    assert!(fake.rich_menus().is_empty(), "nothing sent to LINE");

    let mut good = frontdesk_command(&fake, &db);
    let out = tokio::task::spawn_blocking(move || good.output().unwrap()).await.unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(printed.contains("5 rich menus installed (ja is the default)"), "{printed}");
    assert_eq!(fake.rich_menus().len(), 5);
}
