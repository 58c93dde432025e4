//! One rich menu per language: the four buttons under the chat (start a consultation, my
//! case status, emergency numbers, language), their images, and `frontdesk richmenu install`.
//!
//! Each button is a postback the intake already reads like a quick-reply button's
//! (`cmd:restart`, `cmd:status`, `cmd:emergency`, `cmd:language`), with the words of the
//! `richmenu-*` messages as its `label` and `displayText`, so the chat shows what was tapped
//! (Messaging API reference, "Postback action"). The default images are committed in
//! `assets/richmenu/<tag>.png`, drawn by `tools/richmenu/make_images.py` with the same
//! layout as `AREAS`; an operator may give their own folder of `<tag>.png` instead.

mod install;

use std::path::{Path, PathBuf};

pub use install::{install, Installed};

use crate::{
    i18n::{Lang, Locales},
    line::{
        client::LineError,
        richmenu::{png_size, Area, Bounds, PostbackAction, RichMenu, Size},
    },
    store::StoreError,
};

/// LINE's half-height menu (rich-menu guide, "Rich menu image requirements").
pub const SIZE: Size = Size { width: 2500, height: 843 };
/// LINE's limit on a rich-menu image.
pub const MAX_IMAGE_BYTES: usize = 1024 * 1024;
/// Our menus' names start with this: install finds and replaces its own, no one else's.
pub const NAME_PREFIX: &str = "frontdesk-";

/// The buttons, left to right and top to bottom in a 2×2 grid: (postback data, Fluent id of
/// the words on the button, its label and its display text).
pub const BUTTONS: [(&str, &str); 4] = [
    ("cmd:restart", "richmenu-start"),
    ("cmd:status", "richmenu-status"),
    ("cmd:emergency", "richmenu-emergency"),
    ("cmd:language", "richmenu-language"),
];

/// Where each button is on the image (`tools/richmenu/make_images.py` draws the same grid).
pub const AREAS: [Bounds; 4] = [
    Bounds { x: 0, y: 0, width: 1250, height: 421 },
    Bounds { x: 1250, y: 0, width: 1250, height: 421 },
    Bounds { x: 0, y: 421, width: 1250, height: 422 },
    Bounds { x: 1250, y: 421, width: 1250, height: 422 },
];

/// The menu the Japanese image is installed with, and shown to everyone without their own.
pub const DEFAULT_LANG: Lang = Lang::Ja;

#[derive(Debug, thiserror::Error)]
pub enum RichMenuError {
    #[error("{}: no such file (a rich menu image per language is needed: {})", file.display(), expected_files())]
    Missing { file: PathBuf },
    #[error("{}: cannot be read: {source}", file.display())]
    Read { file: PathBuf, source: std::io::Error },
    #[error("{}: not a PNG image", file.display())]
    NotPng { file: PathBuf },
    #[error("{}: the image is {width}×{height} pixels; a rich menu image must be {w}×{h}", file.display(), w = SIZE.width, h = SIZE.height)]
    WrongSize { file: PathBuf, width: u32, height: u32 },
    #[error("{}: {bytes} bytes; LINE takes an image of at most 1 MB ({MAX_IMAGE_BYTES} bytes)", file.display())]
    TooLarge { file: PathBuf, bytes: usize },
    /// What install was doing when LINE refused or did not answer.
    #[error("{0}: {1}")]
    Line(&'static str, Box<LineError>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn expected_files() -> String {
    Lang::ALL.iter().map(|l| format!("{}.png", l.tag())).collect::<Vec<_>>().join(", ")
}

/// One language's image, checked.
#[derive(Clone)]
pub struct Image {
    pub lang: Lang,
    /// Where it came from, for messages.
    pub file: PathBuf,
    pub png: Vec<u8>,
}

impl std::fmt::Debug for Image {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Image")
            .field("lang", &self.lang)
            .field("file", &self.file)
            .field("bytes", &self.png.len())
            .finish()
    }
}

/// The images the project made, built into the binary.
fn embedded(lang: Lang) -> &'static [u8] {
    match lang {
        Lang::Ja => include_bytes!("../../assets/richmenu/ja.png"),
        Lang::JaSimple => include_bytes!("../../assets/richmenu/ja-simple.png"),
        Lang::PtBr => include_bytes!("../../assets/richmenu/pt-BR.png"),
        Lang::Vi => include_bytes!("../../assets/richmenu/vi.png"),
    }
}

/// The image of every language: `dir/<tag>.png` when a folder is given, else the committed
/// set. Each is checked as LINE would: PNG, 2500×843, at most 1 MB.
pub fn images(dir: Option<&Path>) -> Result<Vec<Image>, RichMenuError> {
    Lang::ALL
        .iter()
        .map(|&lang| {
            let name = format!("{}.png", lang.tag());
            let (file, png) = match dir {
                Some(dir) => {
                    let file = dir.join(&name);
                    match std::fs::read(&file) {
                        Ok(png) => (file, png),
                        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                            return Err(RichMenuError::Missing { file })
                        }
                        Err(source) => return Err(RichMenuError::Read { file, source }),
                    }
                }
                None => (Path::new("assets/richmenu").join(&name), embedded(lang).to_vec()),
            };
            check(lang, file, png)
        })
        .collect()
}

fn check(lang: Lang, file: PathBuf, png: Vec<u8>) -> Result<Image, RichMenuError> {
    let Some((width, height)) = png_size(&png) else { return Err(RichMenuError::NotPng { file }) };
    if (width, height) != (SIZE.width, SIZE.height) {
        return Err(RichMenuError::WrongSize { file, width, height });
    }
    if png.len() > MAX_IMAGE_BYTES {
        return Err(RichMenuError::TooLarge { bytes: png.len(), file });
    }
    Ok(Image { lang, file, png })
}

/// `richmenu-<tag>` in lower case: alias ids match `^[a-z0-9_-]{1,32}$`
/// (`messaging-api.yml` `CreateRichMenuAliasRequest`).
pub fn alias_id(lang: Lang) -> String {
    format!("richmenu-{}", lang.tag().to_ascii_lowercase())
}

/// The rich menu object of one language.
pub fn menu(lang: Lang, locales: &Locales) -> RichMenu {
    let areas = BUTTONS
        .iter()
        .zip(AREAS)
        .map(|((data, id), bounds)| {
            let words = locales.text(lang, id, None);
            Area {
                bounds,
                action: PostbackAction { label: words.clone(), data: (*data).to_owned(), display_text: words },
            }
        })
        .collect();
    RichMenu {
        size: SIZE,
        selected: false,
        name: format!("{NAME_PREFIX}{}", lang.tag()),
        chat_bar_text: locales.text(lang, "richmenu-chat-bar", None),
        areas,
    }
}

#[cfg(test)]
mod tests;
