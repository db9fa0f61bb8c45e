-- A council's invitations by its code: MemberJoined asks which events the council is already invited to, and the
-- primary key (event first) could not answer that without reading every invitation (the capacity benchmark's
-- 10,000 councils joining 100 residentials spent minutes there).
CREATE INDEX ix_invitations_council_code ON invitations (council_code);
