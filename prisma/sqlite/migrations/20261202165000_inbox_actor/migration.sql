-- Whom each inbox event carries, so erasure removes a person's events precisely.
ALTER TABLE "InboxEvent" ADD COLUMN "actor" TEXT;
CREATE INDEX "InboxEvent_actor_idx" ON "InboxEvent"("actor");
