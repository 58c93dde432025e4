-- Rich menus per language (`frontdesk richmenu install`) and per-user links through the
-- outbox. Mirrors ../sqlite/0010_rich_menus.sql.

-- The menus installed: one per language, replaced by each install.
CREATE TABLE rich_menus (
    lang         TEXT    PRIMARY KEY,   -- BCP 47 tag (ja, ja-simple, pt-BR, vi)
    rich_menu_id TEXT    NOT NULL,      -- LINE's id, richmenu-…
    alias_id     TEXT    NOT NULL,      -- richmenu-<lang>, lower case
    installed_at BIGINT  NOT NULL
);

-- What an outbox row sends: 'messages' (the `messages` column, by reply or push) or
-- 'richmenu-link' (`messages` holds the rich menu id to link to the chat's user). Rows of
-- one kind to one chat leave in order; a link waiting for a retry never holds up messages.
ALTER TABLE outbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'messages';
