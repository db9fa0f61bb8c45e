-- The fund's committed and paid totals live on its row, changed only by atomic updates in the same transaction as
-- the award or payment; these CHECKs make the database refuse an overspend whatever code or race produced it.
CREATE TABLE funds (
    id uuid PRIMARY KEY,
    name character varying(200) NOT NULL,
    total_pence bigint NOT NULL CHECK (total_pence > 0),
    minimum_award_pence bigint NOT NULL,
    maximum_award_pence bigint NOT NULL,
    opens_at timestamp with time zone NOT NULL,
    closes_at timestamp with time zone NOT NULL,
    purposes jsonb NOT NULL,
    committed_pence bigint NOT NULL DEFAULT 0,
    paid_pence bigint NOT NULL DEFAULT 0,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT ck_funds_committed_within_total CHECK (committed_pence >= 0 AND committed_pence <= total_pence),
    CONSTRAINT ck_funds_paid_within_committed CHECK (paid_pence >= 0 AND paid_pence <= committed_pence),
    CONSTRAINT ck_funds_award_range CHECK (minimum_award_pence > 0 AND maximum_award_pence >= minimum_award_pence)
);

-- Kept from MemberJoined / MemberLeft: "only current members may apply" is decided here, locally.
CREATE TABLE member_councils (
    council_code character varying(16) PRIMARY KEY,
    council_name text NOT NULL,
    gss_code text NOT NULL,
    current boolean NOT NULL,
    changed_at timestamp with time zone NOT NULL
);

CREATE TABLE grant_requests (
    id uuid PRIMARY KEY,
    fund_id uuid NOT NULL REFERENCES funds (id),
    lead_council_code character varying(16) NOT NULL,
    partner_council_codes jsonb NOT NULL,
    title text NOT NULL,
    tests text NOT NULL,
    purpose text NOT NULL,
    wider_benefit text NOT NULL,
    planned_start date NOT NULL,
    planned_end date NOT NULL,
    amount_pence bigint NOT NULL,
    budget_lines jsonb NOT NULL,
    contact jsonb NOT NULL,
    state text NOT NULL,
    created_by text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    submitted_at timestamp with time zone NULL,
    decided_by text NULL,
    decision_reason text NULL,
    decided_at timestamp with time zone NULL
);

CREATE INDEX ix_grant_requests_fund_lead ON grant_requests (fund_id, lead_council_code);

CREATE TABLE assessments (
    id uuid PRIMARY KEY,
    request_id uuid NOT NULL REFERENCES grant_requests (id),
    assessor text NOT NULL,
    assessor_council_code character varying(16) NULL,
    scores jsonb NOT NULL,
    comment text NULL,
    conflict_of_interest text NULL,
    assigned_at timestamp with time zone NOT NULL,
    scored_at timestamp with time zone NULL
);

CREATE UNIQUE INDEX ux_assessments_request_assessor ON assessments (request_id, assessor);

CREATE TABLE grants (
    id uuid PRIMARY KEY,
    request_id uuid NOT NULL REFERENCES grant_requests (id),
    fund_id uuid NOT NULL REFERENCES funds (id),
    lead_council_code character varying(16) NOT NULL,
    partner_council_codes jsonb NOT NULL,
    title text NOT NULL,
    description text NOT NULL,
    planned_start date NOT NULL,
    planned_end date NOT NULL,
    awarded_pence bigint NOT NULL,
    paid_pence bigint NOT NULL,
    conditions jsonb NOT NULL,
    tranches jsonb NOT NULL,
    reports jsonb NOT NULL,
    awarded_by text NOT NULL,
    awarded_at timestamp with time zone NOT NULL,
    CONSTRAINT ck_grants_paid_within_award CHECK (paid_pence >= 0 AND paid_pence <= awarded_pence)
);

CREATE UNIQUE INDEX ux_grants_request ON grants (request_id);
CREATE INDEX ix_grants_fund ON grants (fund_id);
