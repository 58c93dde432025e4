-- A delivered message's body is emptied when LINE accepts it: the transcript keeps the
-- text staff read, and nothing else needs the JSON again. With no delivered bodies left,
-- erasure only has to find a resident's undelivered rows, so the index over every row
-- of every chat (one random index page written per message) gives way to one over the
-- rows that failed. Mirrors ../sqlite/0006_sent_bodies.sql.

UPDATE outbox SET messages = '[]' WHERE state = 'sent';
DROP INDEX outbox_chat;
CREATE INDEX outbox_failed_chat ON outbox (chat_id) WHERE state = 'failed';
