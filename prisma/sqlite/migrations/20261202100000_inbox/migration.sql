-- CreateTable
CREATE TABLE "InboxEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "orderingKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "receivedAt" DATETIME NOT NULL,
    "availableAt" DATETIME NOT NULL,
    "leaseUntil" DATETIME,
    "leasedBy" TEXT,
    "lastError" TEXT,
    "outcome" TEXT,
    "appliedAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "InboxEvent_key_key" ON "InboxEvent"("key");

-- CreateIndex
CREATE INDEX "InboxEvent_status_availableAt_idx" ON "InboxEvent"("status", "availableAt");

-- CreateIndex
CREATE INDEX "InboxEvent_orderingKey_status_idx" ON "InboxEvent"("orderingKey", "status");
