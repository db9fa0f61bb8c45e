-- Subscriptions choose their event types; those made before there was a choice keep hearing of publications only.
ALTER TABLE webhook_subscriptions ADD COLUMN event_types text[] NOT NULL DEFAULT '{insight.published}';
ALTER TABLE webhook_subscriptions ALTER COLUMN event_types DROP DEFAULT;
