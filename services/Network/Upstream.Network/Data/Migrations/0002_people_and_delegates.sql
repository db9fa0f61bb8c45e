ALTER TABLE members ADD COLUMN earlier_periods jsonb NOT NULL DEFAULT '[]'::jsonb;
ALTER TABLE members ADD COLUMN delegate_ids jsonb NOT NULL DEFAULT '[]'::jsonb;

CREATE TABLE people (
    id uuid PRIMARY KEY,
    member_id uuid NOT NULL REFERENCES members (id),
    council_code character varying(16) NOT NULL,
    name text NOT NULL,
    role text NOT NULL,
    email text NOT NULL,
    directory_consent boolean NOT NULL,
    position integer NOT NULL,
    added_at timestamp with time zone NOT NULL,
    erased_at timestamp with time zone NULL
);

CREATE UNIQUE INDEX ux_people_member_email ON people (member_id, email) WHERE erased_at IS NULL;

CREATE TABLE delegate_changes (
    id uuid PRIMARY KEY,
    member_id uuid NOT NULL REFERENCES members (id),
    council_code character varying(16) NOT NULL,
    changed_by text NOT NULL,
    changed_at timestamp with time zone NOT NULL,
    before_person_ids jsonb NOT NULL,
    after_person_ids jsonb NOT NULL,
    cause text NOT NULL
);

CREATE INDEX ix_delegate_changes_member ON delegate_changes (member_id, changed_at);
