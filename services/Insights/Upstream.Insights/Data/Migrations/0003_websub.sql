-- The WebSub hub's subscribers to the feeds, and the work owed to them (verification of intent, content distribution).
CREATE TABLE websub_subscriptions (
    id uuid PRIMARY KEY,
    callback text NOT NULL,
    topic text NOT NULL,
    secret text NULL,
    lease_seconds integer NOT NULL,
    state character varying(16) NOT NULL,
    lease_expires_at timestamp with time zone NULL,
    requested_at timestamp with time zone NOT NULL
);
CREATE UNIQUE INDEX ux_websub_subscriptions_callback_topic ON websub_subscriptions (callback, topic);

CREATE TABLE websub_tasks (
    id uuid PRIMARY KEY,
    subscription_id uuid NOT NULL REFERENCES websub_subscriptions (id),
    kind character varying(32) NOT NULL,
    state character varying(16) NOT NULL,
    attempts jsonb NOT NULL,
    next_attempt_at timestamp with time zone NOT NULL
);
CREATE INDEX ix_websub_tasks_due ON websub_tasks (state, next_attempt_at);
CREATE INDEX ix_websub_tasks_subscription ON websub_tasks (subscription_id);
