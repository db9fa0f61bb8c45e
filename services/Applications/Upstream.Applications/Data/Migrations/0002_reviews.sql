CREATE TABLE reviews (
    id uuid PRIMARY KEY,
    application_id uuid NOT NULL REFERENCES applications (id),
    reviewer text NOT NULL,
    scores jsonb NOT NULL,
    conflict_of_interest text NULL,
    submitted_at timestamp with time zone NOT NULL
);

CREATE UNIQUE INDEX ux_reviews_one_per_reviewer ON reviews (application_id, reviewer);
