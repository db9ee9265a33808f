-- CreateTable
CREATE TABLE "RosterMember" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "programmeId" TEXT NOT NULL,
    "memberKey" TEXT NOT NULL,
    "displayName" TEXT NOT NULL DEFAULT '',
    "email" TEXT,
    "platformIds" JSONB NOT NULL,
    "attributes" JSONB NOT NULL,
    "history" JSONB NOT NULL,
    "importedAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "removedAt" DATETIME,
    CONSTRAINT "RosterMember_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "RosterMember_programmeId_memberKey_key" ON "RosterMember"("programmeId", "memberKey");
