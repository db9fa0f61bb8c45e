-- Partners' webhook subscriptions. The secrets sign deliveries (Standard Webhooks); a rotated-out one overlaps a day.
CREATE TABLE webhook_subscriptions (
    id uuid PRIMARY KEY,
    owner text NOT NULL,
    url text NOT NULL,
    description text NOT NULL,
    secret text NOT NULL,
    previous_secret text NULL,
    previous_secret_expires_at timestamp with time zone NULL,
    enabled boolean NOT NULL,
    disabled_reason text NULL,
    consecutive_failures integer NOT NULL,
    created_at timestamp with time zone NOT NULL
);
CREATE INDEX ix_webhook_subscriptions_owner ON webhook_subscriptions (owner);

-- Durable deliveries: worked by the sender until delivered or abandoned, whatever restarts in between.
CREATE TABLE webhook_deliveries (
    id uuid PRIMARY KEY,
    subscription_id uuid NOT NULL REFERENCES webhook_subscriptions (id),
    message_id text NOT NULL,
    event_type text NOT NULL,
    payload text NOT NULL,
    state character varying(16) NOT NULL,
    attempts jsonb NOT NULL,
    next_attempt_at timestamp with time zone NOT NULL,
    created_at timestamp with time zone NOT NULL
);
CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (state, next_attempt_at);
CREATE INDEX ix_webhook_deliveries_subscription ON webhook_deliveries (subscription_id);

-- Hosts staff allowed although they point inward: local testing only.
CREATE TABLE allowed_callback_hosts (
    host text PRIMARY KEY,
    allowed_by text NOT NULL,
    allowed_at timestamp with time zone NOT NULL
);
