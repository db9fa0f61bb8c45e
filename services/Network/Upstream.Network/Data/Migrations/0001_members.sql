CREATE TABLE members (
    id uuid PRIMARY KEY,
    council_code character varying(16) NOT NULL,
    council_name text NOT NULL,
    region text NOT NULL,
    council_type text NOT NULL,
    gss_code text NOT NULL,
    area_characters jsonb NOT NULL,
    initiative jsonb NOT NULL,
    application_id uuid NOT NULL,
    joined_at timestamp with time zone NOT NULL,
    left_at timestamp with time zone NULL,
    left_reason text NULL
);

CREATE UNIQUE INDEX ux_members_council_code ON members (council_code);
