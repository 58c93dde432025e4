-- Where a case is routed (src/routing). Mirrors ../postgres/0004_case_routing.sql.
ALTER TABLE cases ADD COLUMN queue TEXT NOT NULL DEFAULT 'consultation';
ALTER TABLE cases ADD COLUMN flags TEXT NOT NULL DEFAULT '';           -- comma-separated secondary queues
ALTER TABLE cases ADD COLUMN priority TEXT NOT NULL DEFAULT 'normal';  -- emergency | urgent | normal
ALTER TABLE cases ADD COLUMN partner_visible INTEGER NOT NULL DEFAULT 0;  -- consent to share with partners
ALTER TABLE cases ADD COLUMN sla_deadline BIGINT;
CREATE INDEX cases_queue ON cases (queue, priority, created_at);
