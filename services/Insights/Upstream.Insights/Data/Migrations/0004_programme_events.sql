-- Attendance names the programme event it was at, so "events held" counts events rather than attendances.
ALTER TABLE evidence ADD COLUMN programme_event_id uuid NULL;
