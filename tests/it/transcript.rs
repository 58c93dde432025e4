//! A transcript read by staff who do not read the resident's language: each tap shows the
//! button as the resident saw it and what it means in Japanese; typed words stay as written,
//! marked with their language.

use frontdesk::i18n::{Lang, Locales};

use crate::helpers::*;

#[tokio::test]
async fn a_vietnamese_residents_taps_read_as_what_they_saw_and_what_it_means() {
    each_backend(|db| async move {
        let app = TestApp::on(db, test_settings()).await;
        let locales = Locales::load().unwrap();
        let mut r = app.resident("Nguyen Van A", Some("vi"));
        let number = r.open_case(&app, true, "car").await;
        r.say("Tôi ngủ trong xe với con").await;
        let staff = app.staff("tanaka", "admin", &[]).await;
        let page = staff.page(&format!("/staff/cases/{number}")).await;

        let car = locales.text(Lang::VI, "opt-tonight-car", None);
        assert!(page.contains(&format!("［ボタン］{car}")), "the button as the resident saw it: {car}");
        assert!(page.contains("意味：今夜の場所：車の中"), "and what it means");
        assert!(page.contains("意味：協力機関との共有への同意：はい"));
        assert!(!page.contains(">tonight:car<"), "no raw code where a person reads");
        assert!(page.contains("Tôi ngủ trong xe với con"), "typed words stay as written");
        assert!(page.contains("（ベトナム語で書かれています。翻訳していません）"));
    })
    .await;
}

#[tokio::test]
async fn the_bots_messages_to_a_vietnamese_resident_show_their_japanese_beside_them() {
    each_backend(|db| async move {
        let app = TestApp::on(db, test_settings()).await;
        let locales = Locales::load().unwrap();
        let mut r = app.resident("Nguyen Van B", Some("vi"));
        let number = r.open_case(&app, true, "car").await;
        let staff = app.staff("tanaka", "admin", &[]).await;
        let api = app.api(&app.api_token("tanaka").await);
        let detail = api.get_json(&format!("/api/cases/{number}")).await;
        let lines = detail["transcript"].as_array().unwrap();
        let asked = lines
            .iter()
            .find(|l| {
                l["direction"] == "out"
                    && l["body"].as_str().unwrap().contains(&locales.text(Lang::VI, "q-tonight", None))
            })
            .expect("the bot asked where they sleep, in Vietnamese");
        let ja = asked["gloss"].as_str().expect("with its Japanese beside it");
        assert!(ja.contains("今夜はどこで寝ますか？"), "the same message rendered in ja: {ja}");
        assert!(!ja.contains(&locales.text(Lang::VI, "q-tonight", None)));

        let page = staff.page(&format!("/staff/cases/{number}")).await;
        assert!(page.contains("日本語：") && page.contains("今夜はどこで寝ますか？"), "the case page shows it");
    })
    .await;
}

#[tokio::test]
async fn a_japanese_residents_transcript_carries_no_second_japanese_copy() {
    each_backend(|db| async move {
        let app = TestApp::on(db, test_settings()).await;
        let mut r = app.resident("山田花子", Some("ja"));
        let number = r.open_case(&app, true, "car").await;
        app.add_staff("tanaka", "admin", &[]).await;
        let api = app.api(&app.api_token("tanaka").await);
        let detail = api.get_json(&format!("/api/cases/{number}")).await;
        let lines = detail["transcript"].as_array().unwrap();
        assert!(lines.iter().any(|l| l["direction"] == "out"));
        assert!(lines.iter().filter(|l| l["direction"] == "out").all(|l| l["gloss"].is_null()));
    })
    .await;
}
