CREATE TABLE cohort_proposals (
    id uuid PRIMARY KEY,
    call_id uuid NOT NULL REFERENCES calls (id),
    proposed_by text NOT NULL,
    proposed_at timestamp with time zone NOT NULL,
    pins jsonb NOT NULL,
    exclusions jsonb NOT NULL,
    chosen jsonb NOT NULL,
    total_score_milli bigint NOT NULL,
    unmet_quotas jsonb NOT NULL,
    explanations jsonb NOT NULL,
    confirmed_by text NULL,
    confirmed_at timestamp with time zone NULL,
    notification_recorded_at timestamp with time zone NULL
);

CREATE INDEX ix_cohort_proposals_call ON cohort_proposals (call_id, proposed_at);

-- A call's cohort is confirmed once: two staff confirming at the same moment cannot both succeed.
CREATE UNIQUE INDEX ux_cohort_proposals_one_confirmed ON cohort_proposals (call_id) WHERE confirmed_at IS NOT NULL;
