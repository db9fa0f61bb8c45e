-- A data change as well as a schema change: applying this twice would show as two welcome notices.
ALTER TABLE notices ADD COLUMN slug text NOT NULL DEFAULT '';
INSERT INTO notices (id, title, body, posted_at, slug)
VALUES ('00000000-0000-0000-0000-000000000001', 'Welcome', NULL, '2026-01-01T00:00:00Z', 'welcome');
ALTER TABLE notices ALTER COLUMN slug DROP DEFAULT;
CREATE UNIQUE INDEX ix_notices_slug ON notices (slug);
