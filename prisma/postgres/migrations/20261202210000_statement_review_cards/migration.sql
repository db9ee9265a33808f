-- Every review card of a statement awaiting approval, so that each shows the decision once it is made.
CREATE TABLE "StatementReviewCard" (
    "id" SERIAL NOT NULL,
    "statementId" TEXT NOT NULL,
    "messageRef" TEXT NOT NULL,
    "postedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StatementReviewCard_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "StatementReviewCard_statementId_messageRef_key" ON "StatementReviewCard"("statementId", "messageRef");

ALTER TABLE "StatementReviewCard" ADD CONSTRAINT "StatementReviewCard_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "PollOption"("id") ON DELETE CASCADE ON UPDATE CASCADE;
