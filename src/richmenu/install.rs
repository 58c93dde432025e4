//! `frontdesk richmenu install`: one menu per language, made afresh each time and swapped in.
//!
//! The order keeps residents from ever seeing no menu, and makes running it again clean:
//! 1. create every new menu and upload its image (a menu's image cannot be replaced:
//!    Messaging API reference, "Upload rich menu image");
//! 2. point the `richmenu-<tag>` aliases at them (create, or update an existing alias);
//! 3. make the Japanese menu the default;
//! 4. record them, and queue a link for every resident with a language (deleting a menu ends
//!    its links);
//! 5. delete our earlier menus (named `frontdesk-…`): anything another tool made is left.
//!
//! Create and delete have a low per-hour rate limit (reference, "Rate limits"): four of each
//! per install. A run that fails half-way leaves unrecorded `frontdesk-` menus, which the next
//! run deletes.

use crate::{
    i18n::Locales,
    line::{
        client::LineClient,
        richmenu::{Alias, StoredRichMenu},
    },
    store::{RichMenuRecord, Store},
};

use super::{alias_id, menu, Image, RichMenuError, DEFAULT_LANG, NAME_PREFIX};

/// What an install did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Installed {
    pub menus: Vec<RichMenuRecord>,
    /// Earlier menus of ours deleted.
    pub deleted: usize,
    /// Residents whose menu is being linked again, through the outbox.
    pub relinked: usize,
}

fn line(step: &'static str) -> impl FnOnce(crate::line::client::LineError) -> RichMenuError {
    move |e| RichMenuError::Line(step, Box::new(e))
}

pub async fn install(
    client: &LineClient,
    store: &Store,
    images: &[Image],
    locales: &Locales,
    now: i64,
) -> Result<Installed, RichMenuError> {
    let earlier: Vec<StoredRichMenu> = client
        .rich_menus()
        .await
        .map_err(line("listing the rich menus"))?
        .into_iter()
        .filter(|m| m.menu.name.starts_with(NAME_PREFIX))
        .collect();
    let aliases: Vec<Alias> = client.rich_menu_aliases().await.map_err(line("listing the rich menu aliases"))?;
    let mut menus = Vec::with_capacity(images.len());
    for image in images {
        let id = client.create_rich_menu(&menu(image.lang, locales)).await.map_err(line("creating a rich menu"))?;
        client
            .upload_rich_menu_image(&id, "image/png", image.png.clone())
            .await
            .map_err(line("uploading a rich menu image"))?;
        menus.push(RichMenuRecord {
            lang: image.lang.tag().to_owned(),
            rich_menu_id: id,
            alias_id: alias_id(image.lang),
            installed_at: now,
        });
    }
    for m in &menus {
        let alias = Alias { rich_menu_alias_id: m.alias_id.clone(), rich_menu_id: m.rich_menu_id.clone() };
        let exists = aliases.iter().any(|a| a.rich_menu_alias_id == m.alias_id);
        client.set_rich_menu_alias(&alias, exists).await.map_err(line("setting a rich menu alias"))?;
    }
    if let Some(default) = menus.iter().find(|m| m.lang == DEFAULT_LANG.tag()) {
        client.set_default_rich_menu(&default.rich_menu_id).await.map_err(line("setting the default rich menu"))?;
    }
    let relinked = store.replace_rich_menus(&menus, now).await?;
    for old in &earlier {
        client.delete_rich_menu(&old.rich_menu_id).await.map_err(line("deleting an earlier rich menu"))?;
    }
    Ok(Installed { menus, deleted: earlier.len(), relinked })
}
