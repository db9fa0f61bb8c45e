CREATE TABLE workgroups (
    id uuid PRIMARY KEY,
    name character varying(200) NOT NULL,
    theme text NOT NULL,
    lead_member_id uuid NOT NULL REFERENCES members (id),
    learning_product jsonb NOT NULL,
    formed_by text NOT NULL,
    formed_at timestamp with time zone NOT NULL,
    changed_at timestamp with time zone NOT NULL
);

CREATE TABLE workgroup_participants (
    id uuid PRIMARY KEY,
    workgroup_id uuid NOT NULL REFERENCES workgroups (id),
    member_id uuid NOT NULL REFERENCES members (id),
    joined_at timestamp with time zone NOT NULL,
    left_at timestamp with time zone NULL
);

-- A council takes part in a workgroup once at a time: two joins at the same moment, one wins.
CREATE UNIQUE INDEX ux_workgroup_participants_current ON workgroup_participants (workgroup_id, member_id) WHERE left_at IS NULL;
CREATE INDEX ix_workgroup_participants_member ON workgroup_participants (member_id);

CREATE TABLE learning_product_submissions (
    id uuid PRIMARY KEY,
    workgroup_id uuid NOT NULL REFERENCES workgroups (id),
    title character varying(200) NOT NULL,
    summary text NOT NULL,
    link text NULL,
    document jsonb NULL,
    contributing_council_codes jsonb NOT NULL,
    submitted_by text NOT NULL,
    submitted_at timestamp with time zone NOT NULL
);

CREATE INDEX ix_learning_product_submissions_workgroup ON learning_product_submissions (workgroup_id, submitted_at);
