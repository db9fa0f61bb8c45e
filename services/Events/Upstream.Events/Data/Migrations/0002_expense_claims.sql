-- Expense claims for covered events. The lines (with their receipts' date, supplier, amount, file name and hash)
-- are always read whole: jsonb. total_pence is kept beside them for finance's totals.
CREATE TABLE expense_claims (
    id uuid PRIMARY KEY,
    programme_event_id uuid NOT NULL REFERENCES programme_events (id),
    registration_id uuid NOT NULL REFERENCES registrations (id),
    person_id uuid NOT NULL,
    council_code character varying(16) NOT NULL,
    state text NOT NULL,
    lines jsonb NOT NULL,
    total_pence bigint NOT NULL CHECK (total_pence > 0),
    created_by text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    submitted_by text NULL,
    submitted_at timestamp with time zone NULL,
    decided_by text NULL,
    decided_at timestamp with time zone NULL,
    rejection_reason text NULL,
    payment_reference text NULL,
    paid_by text NULL,
    paid_at timestamp with time zone NULL,
    -- Paid means a reference, and only paid has one.
    CONSTRAINT ck_expense_claims_paid CHECK ((state = 'Paid') = (payment_reference IS NOT NULL))
);

CREATE UNIQUE INDEX ux_expense_claims_payment_reference ON expense_claims (payment_reference);
CREATE INDEX ix_expense_claims_event_council ON expense_claims (programme_event_id, council_code);
