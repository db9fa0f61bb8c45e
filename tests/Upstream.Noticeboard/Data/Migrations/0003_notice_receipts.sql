-- How many times the receipts consumer counted each posted notice: exactly once is the point of the inbox.
CREATE TABLE notice_receipts (
    notice_id uuid PRIMARY KEY,
    receipts integer NOT NULL
);
