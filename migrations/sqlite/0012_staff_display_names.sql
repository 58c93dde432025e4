-- An account's display name, opt-in (`frontdesk staff display-name NAME 山田`): when set, its
-- messages to residents carry LINE's sender name 「相談員 山田」 instead of 「相談員」 alone.
-- NULL (the default) shows no name. Mirrors ../postgres/0012_staff_display_names.sql.
ALTER TABLE staff ADD COLUMN display_name TEXT;
