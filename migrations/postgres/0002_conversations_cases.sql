-- Conversations, cases and the transcript. Mirrors ../sqlite/0002_conversations_cases.sql.

-- One row per resident: where their conversation stands (JSON, see src/intake).
CREATE TABLE conversations (
    user_id     TEXT    PRIMARY KEY,
    lang        TEXT,
    display_name TEXT,                          -- from the LINE profile, for the case
    phase       TEXT    NOT NULL,
    state       TEXT    NOT NULL,
    updated_at  BIGINT  NOT NULL
);

-- A case: the structured answers as stable codes, never as translated words.
CREATE TABLE cases (
    id              TEXT    PRIMARY KEY,
    number          TEXT    NOT NULL UNIQUE,
    user_id         TEXT    NOT NULL,
    display_name    TEXT,
    lang            TEXT,
    status          TEXT    NOT NULL,           -- new | in_progress | waiting | resolved | closed
    opened_reason   TEXT    NOT NULL,           -- submitted | asked_for_staff | crisis
    submitted       BIGINT  NOT NULL DEFAULT 0, -- the intake was completed and sent
    asked_for_staff BIGINT  NOT NULL DEFAULT 0,
    emergency       BIGINT  NOT NULL DEFAULT 0,
    crisis          TEXT,                       -- suicide | self_harm | violence | abuse
    consent_record  BIGINT,
    consent_share   BIGINT,
    tonight         TEXT,
    topics          TEXT    NOT NULL DEFAULT '', -- comma-separated codes
    household       TEXT,
    adults          BIGINT,
    children        BIGINT,
    vulnerable      TEXT,                       -- comma-separated codes; '' means none
    area            TEXT,
    latitude        DOUBLE PRECISION,
    longitude       DOUBLE PRECISION,
    address         TEXT,
    description     TEXT,                       -- the resident's own words, whole
    contact_method  TEXT,
    phone           TEXT,                       -- normalised digits
    contact_time    TEXT,
    interpreter     BIGINT,
    preferred_window TEXT,                      -- city_hall | council | any
    answers         TEXT    NOT NULL,           -- every answer as JSON (codes)
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    submitted_at    BIGINT
);
CREATE INDEX cases_user ON cases (user_id, created_at);

CREATE TABLE case_attachments (
    case_id     TEXT    NOT NULL REFERENCES cases (id),
    message_id  TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    file_name   TEXT,
    created_at  BIGINT  NOT NULL,
    PRIMARY KEY (case_id, message_id)
);

-- Both directions of every conversation; linked to the case once there is one.
CREATE TABLE transcript (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     TEXT    NOT NULL,
    case_id     TEXT    REFERENCES cases (id),
    direction   TEXT    NOT NULL,               -- in | out
    kind        TEXT    NOT NULL,               -- text | postback | image | file | location | sticker | other
    body        TEXT,
    outbox_id   BIGINT,
    created_at  BIGINT  NOT NULL
);
CREATE INDEX transcript_user ON transcript (user_id, id);
CREATE INDEX transcript_case ON transcript (case_id, id);
