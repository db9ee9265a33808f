-- Bookkeeping older than the platforms' redelivery windows is purged by time: seen event ids, applied inbox events.
CREATE INDEX "ProcessedEvent_at_idx" ON "ProcessedEvent"("at");
CREATE INDEX "InboxEvent_status_appliedAt_idx" ON "InboxEvent"("status", "appliedAt");
