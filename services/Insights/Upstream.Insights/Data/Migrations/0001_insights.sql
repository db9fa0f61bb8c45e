-- Evidence from every other service's events: one row per source item (the unique index settles redeliveries).
CREATE TABLE evidence (
    id uuid PRIMARY KEY,
    source character varying(32) NOT NULL,
    source_id uuid NOT NULL,
    council_codes jsonb NOT NULL,
    region text NOT NULL,
    area_characters jsonb NOT NULL,
    theme text NOT NULL,
    phase text NOT NULL,
    kind text NOT NULL,
    dimension text NOT NULL,
    text text NOT NULL,
    quote text NULL,
    person_id uuid NULL,
    attended boolean NOT NULL,
    amount_pence bigint NOT NULL,
    occurred_at timestamp with time zone NOT NULL
);
CREATE UNIQUE INDEX ux_evidence_source ON evidence (source, source_id);
CREATE INDEX ix_evidence_person ON evidence (person_id);

-- Kept from MemberJoined: where a member is, so evidence naming only a council is keyed to a region. No people.
CREATE TABLE member_councils (
    council_code character varying(16) PRIMARY KEY,
    council_name text NOT NULL,
    region text NOT NULL,
    area_characters jsonb NOT NULL,
    joined_at timestamp with time zone NOT NULL
);

-- The one current phase, from the latest PhaseStarted.
CREATE TABLE programme_phase (
    id integer PRIMARY KEY,
    phase text NOT NULL,
    started_at timestamp with time zone NOT NULL
);

CREATE TABLE publications (
    id uuid PRIMARY KEY,
    title character varying(200) NOT NULL,
    summary text NOT NULL,
    theme text NOT NULL,
    markdown text NOT NULL,
    html text NOT NULL,
    state character varying(16) NOT NULL CHECK (state IN ('draft', 'in-review', 'published', 'retracted')),
    author text NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    published_at timestamp with time zone NULL,
    retracted_at timestamp with time zone NULL,
    retraction_reason text NULL
);
CREATE INDEX ix_publications_updated ON publications (updated_at);
