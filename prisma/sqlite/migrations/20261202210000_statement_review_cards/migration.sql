-- Every review card of a statement awaiting approval, so that each shows the decision once it is made.
CREATE TABLE "StatementReviewCard" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "statementId" TEXT NOT NULL,
    "messageRef" TEXT NOT NULL,
    "postedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "StatementReviewCard_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "PollOption" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE UNIQUE INDEX "StatementReviewCard_statementId_messageRef_key" ON "StatementReviewCard"("statementId", "messageRef");
