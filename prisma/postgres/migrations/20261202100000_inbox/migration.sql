-- CreateTable
CREATE TABLE "InboxEvent" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "orderingKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "availableAt" TIMESTAMP(3) NOT NULL,
    "leaseUntil" TIMESTAMP(3),
    "leasedBy" TEXT,
    "lastError" TEXT,
    "outcome" TEXT,
    "appliedAt" TIMESTAMP(3),

    CONSTRAINT "InboxEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "InboxEvent_key_key" ON "InboxEvent"("key");

-- CreateIndex
CREATE INDEX "InboxEvent_status_availableAt_idx" ON "InboxEvent"("status", "availableAt");

-- CreateIndex
CREATE INDEX "InboxEvent_orderingKey_status_idx" ON "InboxEvent"("orderingKey", "status");
