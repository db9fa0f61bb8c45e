-- The public feed's pieces, newest change first: its pages walk this index (from either end), and a conditional
-- GET's validator (how many, the latest change) reads only it.
CREATE INDEX ix_publications_feed ON publications (updated_at DESC, id) WHERE state = 'published' OR state = 'retracted';
