-- CreateTable
CREATE TABLE "RosterMember" (
    "id" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "memberKey" TEXT NOT NULL,
    "displayName" TEXT NOT NULL DEFAULT '',
    "email" TEXT,
    "platformIds" JSONB NOT NULL,
    "attributes" JSONB NOT NULL,
    "history" JSONB NOT NULL,
    "importedAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "removedAt" TIMESTAMP(3),

    CONSTRAINT "RosterMember_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RosterMember_programmeId_memberKey_key" ON "RosterMember"("programmeId", "memberKey");

-- AddForeignKey
ALTER TABLE "RosterMember" ADD CONSTRAINT "RosterMember_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;
