CREATE TABLE notices (
    id uuid PRIMARY KEY,
    title character varying(200) NOT NULL,
    body text NULL,
    posted_at timestamp with time zone NOT NULL
);
