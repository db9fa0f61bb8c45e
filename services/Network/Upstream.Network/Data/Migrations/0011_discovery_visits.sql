CREATE TABLE discovery_visits (
    id uuid PRIMARY KEY,
    member_id uuid NOT NULL REFERENCES members (id),
    visited_on date NOT NULL,
    visitors jsonb NOT NULL,
    notes text NOT NULL,
    recorded_by text NOT NULL,
    recorded_at timestamp with time zone NOT NULL
);

CREATE INDEX ix_discovery_visits_member ON discovery_visits (member_id);

CREATE TABLE findings (
    id uuid PRIMARY KEY,
    visit_id uuid NOT NULL REFERENCES discovery_visits (id),
    member_id uuid NOT NULL REFERENCES members (id),
    kind text NOT NULL,
    theme text NOT NULL,
    dimension text NOT NULL,
    text text NOT NULL,
    quote character varying(280) NULL,
    quote_consent boolean NOT NULL,
    recorded_by text NOT NULL,
    recorded_at timestamp with time zone NOT NULL
);

CREATE INDEX ix_findings_visit ON findings (visit_id);
CREATE INDEX ix_findings_member ON findings (member_id);
