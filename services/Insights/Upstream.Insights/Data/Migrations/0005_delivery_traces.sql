-- The trace of the change that queued a delivery, so sending it (later, from the background sender) joins that trace.
ALTER TABLE webhook_deliveries ADD COLUMN trace_parent text NULL;
