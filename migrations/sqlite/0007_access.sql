-- Failed logins are audit lines (`login_failed`) that the admin page lists on their own:
-- a partial index finds them without reading every view of every case. SQLite has no
-- TRUNCATE (a DELETE without WHERE runs the row triggers of 0005, which refuse it), so the
-- statement trigger of ../postgres/0007_access.sql has nothing to mirror here.
CREATE INDEX audit_login_failed ON audit (id) WHERE action = 'login_failed';
