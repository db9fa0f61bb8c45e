-- The messaging library's tables, in every service database that publishes or consumes integration events.
-- Numbered 9000+ so they never collide with a service's own migrations (0001, 0002, ...).

-- Events waiting to be relayed to RabbitMQ. "sequence" is the relay order; rows of one aggregate are relayed
-- in sequence order, and the aggregate's own row lock makes that the order its transactions committed in.
CREATE TABLE outbox_messages (
    sequence bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id uuid NOT NULL,
    aggregate_key text NULL,
    message_type text NOT NULL,
    body text NOT NULL,
    trace_parent text NULL,
    trace_state text NULL,
    created_at timestamp with time zone NOT NULL,
    sent_at timestamp with time zone NULL
);
CREATE UNIQUE INDEX ix_outbox_messages_message_id ON outbox_messages (message_id);
-- The relay's query and the clean-up's, each touching only the rows it wants.
CREATE INDEX ix_outbox_messages_unsent ON outbox_messages (sequence) WHERE sent_at IS NULL;
CREATE INDEX ix_outbox_messages_sent_at ON outbox_messages (sent_at) WHERE sent_at IS NOT NULL;

-- Wakes the relay when events commit (NOTIFY is delivered at commit, never for a rolled-back transaction).
-- Once per statement: PostgreSQL folds identical notifications in one transaction anyway.
CREATE FUNCTION outbox_messages_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('outbox_messages', '');
    RETURN NULL;
END
$$;
CREATE TRIGGER outbox_messages_inserted AFTER INSERT ON outbox_messages
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_messages_notify();

-- Messages each consumer has handled: the key that makes a redelivery a no-op.
CREATE TABLE inbox_messages (
    message_id uuid NOT NULL,
    consumer text NOT NULL,
    received_at timestamp with time zone NOT NULL,
    PRIMARY KEY (message_id, consumer)
);
CREATE INDEX ix_inbox_messages_received_at ON inbox_messages (received_at);
