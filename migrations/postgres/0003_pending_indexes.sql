-- Claims look only at pending rows: index just those, per chat, so a claim stays cheap
-- however large the backlog or the history grows, and whatever the planner's statistics
-- say. Mirrors ../sqlite/0003_pending_indexes.sql.

DROP INDEX inbox_pending;
DROP INDEX inbox_chat;
DROP INDEX outbox_pending;
DROP INDEX outbox_chat;

CREATE INDEX inbox_pending ON inbox_events (seq) WHERE state = 'pending';
CREATE INDEX inbox_pending_chat ON inbox_events (chat_key, event_ts, seq) WHERE state = 'pending';
CREATE INDEX outbox_pending ON outbox (id) WHERE state = 'pending';
CREATE INDEX outbox_pending_chat ON outbox (chat_id, id) WHERE state = 'pending';
CREATE INDEX outbox_chat ON outbox (chat_id, id);
