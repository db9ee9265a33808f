-- A claim finds the ordering keys other workers hold from the events under a lease, not from every pending event;
-- nothing reads pending events by when they are due (a claim reads them in commit order).
DROP INDEX "InboxEvent_status_availableAt_idx";
CREATE INDEX "InboxEvent_status_leaseUntil_idx" ON "InboxEvent"("status", "leaseUntil");
