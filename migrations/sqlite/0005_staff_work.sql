-- Staff work on cases: accounts, sessions, API tokens, case actions, the append-only audit
-- log, the relay's state on each conversation, coordinator alerts, groups the bot is in,
-- and erasure requests. Mirrors ../postgres/0005_staff_work.sql.

CREATE TABLE staff (
    id            TEXT    PRIMARY KEY,
    name          TEXT    NOT NULL UNIQUE,
    password_hash TEXT    NOT NULL,            -- argon2id, PHC string
    role          TEXT    NOT NULL,            -- staff | coordinator | admin
    queues        TEXT    NOT NULL DEFAULT '', -- comma-separated queue codes
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    BIGINT  NOT NULL
);

-- A browser session. The cookie holds a random value; only its SHA-256 is stored.
CREATE TABLE staff_sessions (
    id_hash      TEXT   PRIMARY KEY,
    staff_id     TEXT   NOT NULL REFERENCES staff (id),
    csrf         TEXT   NOT NULL,
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL
);
CREATE INDEX staff_sessions_staff ON staff_sessions (staff_id);

-- Bearer tokens for the JSON API (the city's case-management system); only hashes stored.
CREATE TABLE api_tokens (
    token_hash TEXT    PRIMARY KEY,
    staff_id   TEXT    NOT NULL REFERENCES staff (id),
    label      TEXT    NOT NULL,
    created_at BIGINT  NOT NULL,
    revoked    INTEGER NOT NULL DEFAULT 0
);

-- What staff did with a case (and what the system did for them): the case page's history.
CREATE TABLE case_actions (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id    TEXT    NOT NULL REFERENCES cases (id),
    staff_id   TEXT,                           -- NULL: the resident or the system
    kind       TEXT    NOT NULL,               -- claim | assign | transfer | status | note | interpreter | reply | erase_requested | erased
    detail     TEXT    NOT NULL DEFAULT '',    -- codes (queue, status, outcome, template)
    body       TEXT,                           -- an internal note's text
    created_at BIGINT  NOT NULL
);
CREATE INDEX case_actions_case ON case_actions (case_id, id);

-- Who saw or did what, when. Append-only: the triggers refuse any change or deletion.
CREATE TABLE audit (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    at       BIGINT  NOT NULL,
    staff_id TEXT,                             -- NULL: the system (purge)
    case_id  TEXT,
    action   TEXT    NOT NULL,
    detail   TEXT    NOT NULL DEFAULT ''       -- codes and case numbers, never personal data
);
CREATE INDEX audit_case ON audit (case_id, id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;

ALTER TABLE cases ADD COLUMN assignee TEXT;                          -- staff id
ALTER TABLE cases ADD COLUMN claimed_at BIGINT;
ALTER TABLE cases ADD COLUMN closed_at BIGINT;
ALTER TABLE cases ADD COLUMN outcome TEXT;                           -- on close
ALTER TABLE cases ADD COLUMN queue_manual INTEGER NOT NULL DEFAULT 0; -- staff transferred it: routing keeps out
ALTER TABLE cases ADD COLUMN staff_flags TEXT NOT NULL DEFAULT '';   -- secondary queues added by staff
ALTER TABLE cases ADD COLUMN alert_level INTEGER NOT NULL DEFAULT 0; -- 0 none, 1 urgent, 2 emergency alerted
ALTER TABLE cases ADD COLUMN erase_requested_at BIGINT;
ALTER TABLE cases ADD COLUMN anonymised_at BIGINT;
CREATE INDEX cases_status ON cases (status, updated_at);

-- The relay: while staff hold a case, the resident's messages go to it, not to the bot.
-- Only staff actions write these columns; the worker reads them with the conversation.
ALTER TABLE conversations ADD COLUMN handoff_case TEXT;              -- case number claimed and not closed
ALTER TABLE conversations ADD COLUMN handoff_notified INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN closed_case TEXT;               -- the case staff closed last

ALTER TABLE transcript ADD COLUMN staff_id TEXT;                     -- who wrote an outgoing staff message
ALTER TABLE transcript ADD COLUMN gloss TEXT;                        -- a canned reply, in Japanese for staff

-- Groups and rooms the bot is in (coordinators' groups are configured by these ids).
CREATE TABLE line_chats (
    chat_id   TEXT   PRIMARY KEY,
    kind      TEXT   NOT NULL,                 -- group | room
    joined_at BIGINT NOT NULL,
    left_at   BIGINT
);

-- A resident asked for their data to be deleted; staff confirm it.
CREATE TABLE erasure_requests (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id      TEXT,                         -- NULL once carried out
    requested_at BIGINT  NOT NULL,
    done_at      BIGINT,
    done_by      TEXT
);
