CREATE TABLE programme_phases (
    name character varying(32) PRIMARY KEY,
    starts_on date NOT NULL,
    ends_on date NULL,
    started_at timestamp with time zone NOT NULL,
    started_by text NOT NULL
);

CREATE TABLE partners (
    id uuid PRIMARY KEY,
    name text NOT NULL,
    kind character varying(32) NOT NULL,
    added_at timestamp with time zone NOT NULL
);

CREATE UNIQUE INDEX ux_partners_name ON partners (name);
