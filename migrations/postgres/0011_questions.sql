-- Structured questions staff ask a resident (issue 14): the phrase and its answers as
-- entered, the language the resident read it in, and the answer as a code, taken once
-- (a tap or typed words). A question is open until answered, until it expires, or until a
-- newer question on the case or the case's closing cancels it (`closed_at`). Erasure and
-- purge blank what staff entered and what the resident answered, keeping the codes
-- statistics need. Mirrors ../sqlite/0011_questions.sql.

CREATE TABLE questions (
    id           TEXT    PRIMARY KEY,           -- random, in the button's postback (ask:<id>:<code>)
    case_id      TEXT    NOT NULL REFERENCES cases (id),
    phrase       TEXT    NOT NULL,              -- the phrasebook's Fluent id (pb-…)
    slots        TEXT,                          -- JSON object of the slots as entered; NULL once erased
    choices      TEXT    NOT NULL,              -- yes_no | times | places
    items        TEXT,                          -- JSON array as entered (dates and times, place codes); NULL once erased
    lang         TEXT    NOT NULL,              -- the language the resident was asked in
    asked_by     TEXT    REFERENCES staff (id),
    asked_at     BIGINT  NOT NULL,
    expires_at   BIGINT  NOT NULL,
    closed_at    BIGINT,                        -- cancelled unanswered: superseded, or the case closed
    answer       TEXT,                          -- yes | no | 1…6 | none; NULL until answered or once erased
    answered_at  BIGINT,
    answered_via TEXT                           -- tap | typed
);
CREATE INDEX questions_case ON questions (case_id, asked_at);
