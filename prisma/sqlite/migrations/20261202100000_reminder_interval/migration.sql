-- CreateTable
CREATE TABLE "ReminderSent" (
    "questionId" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "sentAt" DATETIME NOT NULL,

    PRIMARY KEY ("questionId", "participantId"),
    CONSTRAINT "ReminderSent_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "Question" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReminderSent_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ReminderSent_participantId_idx" ON "ReminderSent"("participantId");
