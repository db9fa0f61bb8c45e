-- The patterns are counted as findings arrive, so a view reads a few thousand counts instead of every finding (its
-- cost had grown with the store: 1.6 s at 50,000 findings). A statement trigger keeps them, in the same transaction
-- as the findings, whoever inserts them (the FindingRecorded consumer, a bulk load), and this migration counts the
-- findings already stored with the same function: one definition of what is counted. Findings are never updated or
-- deleted in ways that count (PersonErased touches attendance only).

-- How many findings share every key a view groups or filters by (a few thousand cells, whatever the store's size).
-- Keys are stored as the findings spell them; views compare them without case, as they always have.
CREATE TABLE pattern_counts (
    theme text NOT NULL,
    region text NOT NULL,
    area_characters jsonb NOT NULL,
    phase text NOT NULL,
    month text NOT NULL,
    dimension text NOT NULL,
    kind text NOT NULL,
    findings integer NOT NULL,
    PRIMARY KEY (theme, region, area_characters, phase, month, dimension, kind)
);

-- Which councils reported a barrier (theme, wording with case and spacing aside) within each scope a view can be
-- narrowed to: every combination of region, area character and phase, '' meaning any (a filter never asks for '').
CREATE TABLE barrier_councils (
    region_key text NOT NULL,
    area_key text NOT NULL,
    phase_key text NOT NULL,
    theme text NOT NULL,
    text_key text NOT NULL,
    council_code text NOT NULL,
    PRIMARY KEY (region_key, area_key, phase_key, theme, text_key, council_code)
);

-- How many different councils reported each barrier in each scope, and its wording as first reported: the most
-- frequent barriers of a view are the first ten rows of its scope.
CREATE TABLE barrier_tallies (
    region_key text NOT NULL,
    area_key text NOT NULL,
    phase_key text NOT NULL,
    theme text NOT NULL,
    text_key text NOT NULL,
    text text NOT NULL,
    councils integer NOT NULL,
    PRIMARY KEY (region_key, area_key, phase_key, theme, text_key)
);
CREATE INDEX ix_barrier_tallies_rank ON barrier_tallies (region_key, area_key, phase_key, councils DESC, text COLLATE "C");

-- A dimension lists its most recent findings: read newest first from here, not sorted from all of them.
CREATE INDEX ix_evidence_dimension_recent ON evidence (dimension, occurred_at DESC);

-- The same barrier worded identically: runs of white space as one space, trimmed, lower case.
CREATE FUNCTION insights_barrier_key(wording text) RETURNS text LANGUAGE sql IMMUTABLE
    RETURN lower(btrim(regexp_replace(wording, '\s+', ' ', 'g')));

-- Counts findings, set-wise (a bulk insert is counted in one pass): rows are written in key order so that concurrent
-- consumers take row locks in the same order. A barrier's wording is the first reported (oldest, then by id).
-- PL/pgSQL rather than SQL so that each connection plans these statements once, not on every insert.
CREATE FUNCTION insights_count_findings(stored evidence[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO pattern_counts (theme, region, area_characters, phase, month, dimension, kind, findings)
    SELECT f.theme, f.region, f.area_characters, f.phase, to_char(f.occurred_at AT TIME ZONE 'Europe/London', 'YYYY-MM'), f.dimension, f.kind, count(*)
    FROM unnest(stored) AS f
    GROUP BY 1, 2, 3, 4, 5, 6, 7
    ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (theme, region, area_characters, phase, month, dimension, kind)
    DO UPDATE SET findings = pattern_counts.findings + EXCLUDED.findings;

    WITH sightings AS (
        SELECT r.key AS region_key, a.key AS area_key, p.key AS phase_key, f.theme, insights_barrier_key(f.text) AS text_key,
               c.code AS council_code, f.text, f.occurred_at, f.id
        FROM unnest(stored) AS f
        CROSS JOIN LATERAL (SELECT '' UNION SELECT lower(f.region)) AS r(key)
        CROSS JOIN LATERAL (SELECT '' UNION SELECT lower(x) FROM jsonb_array_elements_text(f.area_characters) AS x) AS a(key)
        CROSS JOIN LATERAL (SELECT '' UNION SELECT lower(f.phase)) AS p(key)
        CROSS JOIN LATERAL (SELECT DISTINCT code FROM jsonb_array_elements_text(f.council_codes) AS code) AS c
        WHERE f.kind = 'barrier'),
    sighted AS (
        INSERT INTO barrier_councils (region_key, area_key, phase_key, theme, text_key, council_code)
        SELECT DISTINCT region_key, area_key, phase_key, theme, text_key, council_code FROM sightings
        ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT DO NOTHING
        RETURNING region_key, area_key, phase_key, theme, text_key),
    wordings AS (
        SELECT DISTINCT ON (region_key, area_key, phase_key, theme, text_key) region_key, area_key, phase_key, theme, text_key, text
        FROM sightings
        ORDER BY region_key, area_key, phase_key, theme, text_key, occurred_at, id)
    INSERT INTO barrier_tallies (region_key, area_key, phase_key, theme, text_key, text, councils)
    SELECT s.region_key, s.area_key, s.phase_key, s.theme, s.text_key, w.text, count(*)
    FROM sighted s JOIN wordings w USING (region_key, area_key, phase_key, theme, text_key)
    GROUP BY 1, 2, 3, 4, 5, 6
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (region_key, area_key, phase_key, theme, text_key)
    DO UPDATE SET councils = barrier_tallies.councils + EXCLUDED.councils;
END;
$$;

CREATE FUNCTION insights_count_new_findings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM insights_count_findings(ARRAY(SELECT a::evidence FROM added AS a WHERE a.source = 'Finding'));
    RETURN NULL;
END;
$$;

CREATE TRIGGER evidence_counted AFTER INSERT ON evidence
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION insights_count_new_findings();

-- The findings stored before this migration, counted the same way.
SELECT insights_count_findings(ARRAY(SELECT e FROM evidence AS e WHERE e.source = 'Finding'));
