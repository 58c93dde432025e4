//! Embeds every language folder under `locales/` and every rich-menu image under
//! `assets/richmenu/`, so that adding a language needs a folder and a rebuild, not code.
//!
//! Generates `$OUT_DIR/locales.rs`, included by `src/i18n/mod.rs`:
//! - `Lang::ALL`: one `Lang` per folder `locales/<tag>/` holding a `frontdesk.ftl`, sorted by tag;
//! - `SOURCES`: each language's `frontdesk.ftl` and `phrasebook.ftl`, as one text;
//!
//! and `$OUT_DIR/richmenu_images.rs`, included by `src/richmenu/mod.rs`:
//! - `EMBEDDED_IMAGES`: `(tag, bytes)` of each `assets/richmenu/<tag>.png`.

use std::{env, fs, path::Path};

fn main() {
    let root = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let root = Path::new(&root);
    println!("cargo:rerun-if-changed=locales");
    println!("cargo:rerun-if-changed=assets/richmenu");

    let tags = locale_tags(&root.join("locales"));
    for tag in &tags {
        // A folder's files, not only the folder, decide what is embedded.
        println!("cargo:rerun-if-changed=locales/{tag}");
    }
    let mut code = String::new();
    code.push_str("impl Lang {\n");
    code.push_str("    /// Every language embedded in this build (a folder `locales/<tag>/`), sorted by tag.\n");
    code.push_str(&format!("    pub const ALL: [Lang; {}] = [\n", tags.len()));
    for tag in &tags {
        code.push_str(&format!("        Lang({tag:?}),\n"));
    }
    code.push_str("    ];\n}\n\n");
    code.push_str("/// Each language's `frontdesk.ftl` (the bot) and `phrasebook.ftl` (what staff send) form\n");
    code.push_str("/// one resource, so every check of one covers the other.\n");
    code.push_str(&format!("const SOURCES: [(Lang, &str); {}] = [\n", tags.len()));
    for tag in &tags {
        let dir = root.join("locales").join(tag);
        let file = |name: &str| {
            let path = dir.join(name);
            if path.is_file() {
                format!("include_str!({:?})", path.display().to_string())
            } else {
                "\"\"".to_owned()
            }
        };
        code.push_str(&format!(
            "    (Lang({tag:?}), concat!({}, \"\\n\", {})),\n",
            file("frontdesk.ftl"),
            file("phrasebook.ftl")
        ));
    }
    code.push_str("];\n");
    write(&Path::new(&out).join("locales.rs"), &code);

    let mut images = String::from("/// `assets/richmenu/<tag>.png`, each committed image.\n");
    let pngs = richmenu_images(&root.join("assets/richmenu"));
    images.push_str(&format!("const EMBEDDED_IMAGES: [(&str, &[u8]); {}] = [\n", pngs.len()));
    for (tag, path) in &pngs {
        images.push_str(&format!("    ({tag:?}, include_bytes!({:?})),\n", path));
    }
    images.push_str("];\n");
    write(&Path::new(&out).join("richmenu_images.rs"), &images);
}

/// The folders of `locales/` that hold a `frontdesk.ftl`, sorted.
fn locale_tags(dir: &Path) -> Vec<String> {
    let mut tags: Vec<String> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("frontdesk.ftl").is_file())
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    tags.sort();
    for tag in &tags {
        // A tag becomes a Rust string literal and a BCP 47 language id; keep it plain.
        assert!(
            !tag.is_empty() && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
            "locales/{tag}/: a folder name must be a language tag like pt-BR"
        );
    }
    tags
}

/// `(tag, path)` of each `<tag>.png`, sorted.
fn richmenu_images(dir: &Path) -> Vec<(String, String)> {
    let Ok(entries) = fs::read_dir(dir) else { return Vec::new() };
    let mut pngs: Vec<(String, String)> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let tag = name.strip_suffix(".png")?.to_owned();
            Some((tag, e.path().display().to_string()))
        })
        .collect();
    pngs.sort();
    pngs
}

fn write(path: &Path, text: &str) {
    // Unchanged output keeps the file's time, so nothing that includes it rebuilds for nothing.
    if fs::read_to_string(path).ok().as_deref() != Some(text) {
        fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}
