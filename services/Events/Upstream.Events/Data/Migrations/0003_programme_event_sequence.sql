-- Each change to an event (a revision, the cancellation) raises its sequence: the iCalendar SEQUENCE, so calendars
-- that imported the event take the newer version.
ALTER TABLE programme_events ADD COLUMN sequence integer NOT NULL DEFAULT 0, ADD COLUMN revised_at timestamp with time zone NULL;
