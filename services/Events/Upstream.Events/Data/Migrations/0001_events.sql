-- A programme event's row is also the lock registrations take (SELECT ... FOR UPDATE): while one registration
-- counts places and its council's slots, no other registration of the same event can, so capacity and the
-- per-council limit hold exactly however many register at once.
CREATE TABLE programme_events (
    id uuid PRIMARY KEY,
    kind text NOT NULL,
    title text NOT NULL,
    description text NOT NULL,
    venue text NOT NULL,
    address text NOT NULL,
    online_link text NOT NULL,
    starts_at timestamp with time zone NOT NULL,
    ends_at timestamp with time zone NOT NULL,
    registration_closes_at timestamp with time zone NOT NULL,
    capacity integer NOT NULL CHECK (capacity > 0),
    per_council_limit integer NOT NULL CHECK (per_council_limit > 0),
    sessions jsonb NOT NULL,
    state text NOT NULL,
    scheduled_by text NOT NULL,
    scheduled_at timestamp with time zone NOT NULL,
    cancellation_reason text NULL,
    cancelled_at timestamp with time zone NULL,
    closed_at timestamp with time zone NULL,
    CONSTRAINT ck_programme_events_ends_after_start CHECK (ends_at > starts_at)
);

CREATE INDEX ix_programme_events_starts_at ON programme_events (starts_at);

-- Kept from MemberJoined / MemberLeft: the council and the ids of its people (no names, no emails).
CREATE TABLE member_councils (
    council_code character varying(16) PRIMARY KEY,
    council_name text NOT NULL,
    person_ids jsonb NOT NULL,
    current boolean NOT NULL,
    changed_at timestamp with time zone NOT NULL
);

CREATE TABLE invitations (
    programme_event_id uuid NOT NULL REFERENCES programme_events (id),
    council_code character varying(16) NOT NULL,
    invited_at timestamp with time zone NOT NULL,
    PRIMARY KEY (programme_event_id, council_code)
);

-- dietary_needs and access_needs are restricted personal data: shown to staff only, never logged.
CREATE TABLE registrations (
    id uuid PRIMARY KEY,
    programme_event_id uuid NOT NULL REFERENCES programme_events (id),
    person_id uuid NOT NULL,
    council_code character varying(16) NOT NULL,
    council_slot integer NULL,
    state text NOT NULL,
    dietary_needs text NOT NULL,
    access_needs text NOT NULL,
    registered_by text NOT NULL,
    registered_at timestamp with time zone NOT NULL,
    promoted_at timestamp with time zone NULL,
    cancelled_at timestamp with time zone NULL,
    days_attended jsonb NOT NULL,
    days_missed jsonb NOT NULL,
    -- An active registration holds a slot; a cancelled one has given it back.
    CONSTRAINT ck_registrations_slot CHECK ((state = 'Cancelled') = (council_slot IS NULL) AND (council_slot IS NULL OR council_slot > 0))
);

-- Each of a council's slots once per event (NULLs, the cancelled, never collide), and each person once while active.
CREATE UNIQUE INDEX ux_registrations_council_slot ON registrations (programme_event_id, council_code, council_slot);
CREATE UNIQUE INDEX ux_registrations_active_person ON registrations (programme_event_id, person_id) WHERE state <> 'Cancelled';
CREATE INDEX ix_registrations_event_state ON registrations (programme_event_id, state, registered_at);
