//! The menus' words fit LINE's limits in every language, and images are checked as LINE would.

use super::*;

#[test]
fn every_language_has_four_buttons_within_line_limits() {
    let locales = Locales::load().unwrap();
    for lang in Lang::ALL {
        let m = menu(lang, &locales);
        assert_eq!(m.areas.len(), 4);
        // chatBarText ≤ 14 and action labels ≤ 20 (messaging-api.yml `RichMenuRequest`;
        // LINE Developers, "Text character count").
        assert!(m.chat_bar_text.chars().count() <= 14, "{lang:?}: {}", m.chat_bar_text);
        for area in &m.areas {
            let label = &area.action.label;
            assert!(!label.is_empty() && !label.starts_with("richmenu-"), "{lang:?}: missing words {label}");
            assert!(label.chars().count() <= 20, "{lang:?}: label over 20 characters: {label}");
            assert_eq!(area.action.display_text, *label);
            let b = area.bounds;
            assert!(b.x + b.width <= SIZE.width && b.y + b.height <= SIZE.height);
        }
        let data: Vec<&str> = m.areas.iter().map(|a| a.action.data.as_str()).collect();
        assert_eq!(data, ["cmd:restart", "cmd:status", "cmd:emergency", "cmd:language"]);
    }
    assert_eq!(alias_id(Lang::PT_BR), "richmenu-pt-br");
    assert_eq!(alias_id(Lang::JA_SIMPLE), "richmenu-ja-simple");
}

#[test]
fn the_committed_images_pass_lines_checks() {
    let images = images(None, &Lang::ALL).unwrap();
    assert_eq!(images.len(), Lang::ALL.len());
    for image in images {
        assert_eq!(png_size(&image.png), Some((2500, 843)), "{:?}", image.file);
        assert!(image.png.len() < MAX_IMAGE_BYTES);
    }
}

#[test]
fn a_folder_with_a_missing_or_wrong_image_is_refused_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    for lang in Lang::ALL {
        std::fs::write(dir.path().join(format!("{}.png", lang.tag())), embedded(lang).unwrap()).unwrap();
    }
    let images = |dir| images(dir, &Lang::ALL);
    assert_eq!(images(Some(dir.path())).unwrap().len(), Lang::ALL.len());

    std::fs::remove_file(dir.path().join("vi.png")).unwrap();
    let e = images(Some(dir.path())).unwrap_err().to_string();
    assert!(e.contains("vi.png: no such file"), "{e}");

    // A full-height image is not what the menu was made for.
    let mut png = embedded(Lang::VI).unwrap().to_vec();
    png[20..24].copy_from_slice(&1686u32.to_be_bytes());
    std::fs::write(dir.path().join("vi.png"), &png).unwrap();
    let e = images(Some(dir.path())).unwrap_err().to_string();
    assert!(e.contains("vi.png: the image is 2500×1686 pixels; a rich menu image must be 2500×843"), "{e}");

    std::fs::write(dir.path().join("vi.png"), b"GIF89a not a png").unwrap();
    let e = images(Some(dir.path())).unwrap_err().to_string();
    assert!(e.contains("vi.png: not a PNG image"), "{e}");

    let mut big = embedded(Lang::VI).unwrap().to_vec();
    big.resize(MAX_IMAGE_BYTES + 1, 0);
    std::fs::write(dir.path().join("vi.png"), &big).unwrap();
    let e = images(Some(dir.path())).unwrap_err().to_string();
    assert!(e.contains("vi.png: 1048577 bytes; LINE takes an image of at most 1 MB"), "{e}");
}

#[test]
fn every_embedded_language_has_its_committed_image() {
    for lang in Lang::ALL {
        assert!(
            embedded(lang).is_some(),
            "assets/richmenu/{}.png: draw it with tools/richmenu/make_images.py",
            lang.tag()
        );
    }
}

#[test]
fn a_configured_language_without_an_image_stops_install_naming_the_file() {
    // A language added by a folder and a config entry alone, before its image was drawn.
    let e = load(None, &[Lang::JA, Lang::EN], |l| (l == Lang::JA).then(|| embedded(l).unwrap())).unwrap_err();
    let e = e.to_string();
    assert!(e.starts_with("assets/richmenu/en.png: not in this build"), "{e}");
    assert!(e.contains("tools/richmenu/make_images.py") && e.contains("ja.png, en.png"), "{e}");
    // Only the configured languages are asked for: a folder without vi.png does for ja alone.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ja.png"), embedded(Lang::JA).unwrap()).unwrap();
    assert_eq!(images(Some(dir.path()), &[Lang::JA]).unwrap().len(), 1);
    let e = images(Some(dir.path()), &[Lang::JA, Lang::EN]).unwrap_err().to_string();
    assert!(
        e.contains("en.png: no such file (a rich menu image per configured language is needed: ja.png, en.png)"),
        "{e}"
    );
}
