-- Failed logins are audit lines (`login_failed`) that the admin page lists on their own:
-- a partial index finds them without reading every view of every case. Mirrors
-- ../sqlite/0007_access.sql.
CREATE INDEX audit_login_failed ON audit (id) WHERE action = 'login_failed';

-- Row triggers do not fire for TRUNCATE, which would empty the append-only audit log in
-- one statement; a statement trigger refuses it (PostgreSQL manual, CREATE TRIGGER:
-- "TRUNCATE ... FOR EACH STATEMENT"). The table's owner can still disable triggers, so the
-- service should run as a role that does not own it (README, "A database role for the
-- service").
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
