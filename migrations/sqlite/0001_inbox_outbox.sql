-- The durable inbox and outbox. Mirrors ../postgres/0001_inbox_outbox.sql column for column:
-- text ids, integer millisecond timestamps, integer flags, so one set of SQL serves both.

CREATE TABLE inbox_events (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    event_key       TEXT    NOT NULL UNIQUE,   -- webhookEventId, or sha256 of the raw event
    chat_key        TEXT    NOT NULL,          -- events of one chat are handled in order
    event_type      TEXT    NOT NULL,
    event_ts        BIGINT  NOT NULL,
    received_at     BIGINT  NOT NULL,
    is_redelivery   INTEGER NOT NULL,
    raw             TEXT    NOT NULL,          -- the event exactly as LINE sent it
    state           TEXT    NOT NULL,          -- pending | done | skipped | failed
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT  NOT NULL,
    lease_owner     TEXT,
    lease_until     BIGINT,
    handled_at      BIGINT,
    last_error      TEXT
);
CREATE INDEX inbox_pending ON inbox_events (state, next_attempt_at, seq);
CREATE INDEX inbox_chat ON inbox_events (chat_key, event_ts, seq);

CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id         TEXT    NOT NULL,          -- user, group or room id: where a push goes
    messages        TEXT    NOT NULL,          -- JSON array of 1-5 LINE message objects
    reply_token     TEXT,
    reply_deadline  BIGINT,
    reply_claims    INTEGER NOT NULL DEFAULT 0, -- claims made; the token is tried on the first only
    retry_key       TEXT    NOT NULL,          -- X-Line-Retry-Key, the same on every push attempt
    state           TEXT    NOT NULL,          -- pending | sent | failed
    attempts        INTEGER NOT NULL DEFAULT 0,
    created_at      BIGINT  NOT NULL,
    next_attempt_at BIGINT  NOT NULL,
    first_push_at   BIGINT,
    lease_owner     TEXT,
    lease_until     BIGINT,
    sent_at         BIGINT,
    sent_via        TEXT,                      -- reply | push | push-already-accepted
    last_error      TEXT,                      -- LINE's own words
    source_event    TEXT
);
CREATE INDEX outbox_pending ON outbox (state, next_attempt_at, id);
CREATE INDEX outbox_chat ON outbox (chat_id, id);
