CREATE TABLE calls (
    id uuid PRIMARY KEY,
    title character varying(200) NOT NULL,
    description text NOT NULL,
    opens_at timestamp with time zone NOT NULL,
    closes_at timestamp with time zone NOT NULL,
    decisions_by date NOT NULL,
    target_cohort_size integer NOT NULL,
    criteria jsonb NOT NULL,
    quotas jsonb NOT NULL,
    published_at timestamp with time zone NULL,
    decided_at timestamp with time zone NULL,
    created_at timestamp with time zone NOT NULL
);

CREATE TABLE applications (
    id uuid PRIMARY KEY,
    call_id uuid NOT NULL REFERENCES calls (id),
    lead_council_code character varying(3) NOT NULL,
    lead_council_name text NOT NULL,
    region text NOT NULL,
    initiative jsonb NOT NULL,
    contacts jsonb NOT NULL,
    partners jsonb NOT NULL,
    state text NOT NULL,
    history jsonb NOT NULL,
    extended_until timestamp with time zone NULL,
    extension_reason text NULL,
    ineligibility_reasons jsonb NOT NULL,
    created_at timestamp with time zone NOT NULL,
    submitted_at timestamp with time zone NULL
);

-- A council leads at most one live application per call; withdrawn ones do not count.
CREATE UNIQUE INDEX ux_applications_one_per_council ON applications (call_id, lead_council_code) WHERE state <> 'Withdrawn';
CREATE INDEX ix_applications_call ON applications (call_id, state);
