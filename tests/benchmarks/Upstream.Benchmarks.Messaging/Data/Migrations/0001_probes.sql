-- The state change each benchmark event stands for: both paths commit one of these, so only publishing differs.
CREATE TABLE probes (
    id uuid PRIMARY KEY,
    number integer NOT NULL
);
