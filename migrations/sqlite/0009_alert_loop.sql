-- The coordinators' alert loop: one row per alerted case, from the first alert to its
-- acknowledgement (a linked coordinator's tap on LINE, or a claim on the dashboard). While
-- unacknowledged, `next_at` is when the next stage falls due (0 sent, 1 re-sent to the
-- coordinators, 2 escalated to the on-call staff and the centre); a worker advances a stage
-- by a compare-and-set on (case_number, stage) in the transaction that writes its messages,
-- so two instances never both send it. Mirrors ../postgres/0009_alert_loop.sql.

CREATE TABLE alerts (
    case_number TEXT    PRIMARY KEY,        -- the case's number (YYMMDD-NNNN)
    level       INTEGER NOT NULL,           -- 1 urgent (shelter), 2 emergency
    stage       INTEGER NOT NULL DEFAULT 0, -- 0 sent, 1 re-sent, 2 escalated
    sent_at     BIGINT  NOT NULL,           -- the first alert at this level
    next_at     BIGINT,                     -- the next stage is due; NULL: acknowledged or none left
    acked_at    BIGINT,
    acked_by    TEXT,                       -- staff id
    acked_via   TEXT                        -- line | dashboard
);
CREATE INDEX alerts_due ON alerts (next_at) WHERE next_at IS NOT NULL;

-- A coordinator's LINE account, linked once with a one-time code sent to the bot 1:1.
ALTER TABLE staff ADD COLUMN line_user_id TEXT;
CREATE UNIQUE INDEX staff_line_user ON staff (line_user_id) WHERE line_user_id IS NOT NULL;

-- One-time link codes (`frontdesk staff link NAME`): only the code's SHA-256 is kept.
CREATE TABLE staff_link_codes (
    code_hash  TEXT    PRIMARY KEY,
    staff_id   TEXT    NOT NULL REFERENCES staff (id),
    expires_at BIGINT  NOT NULL,
    used_at    BIGINT
);
