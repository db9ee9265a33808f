-- The reply a statement was proposed from ("Propose as a statement"); cleared when that reply is erased.
ALTER TABLE "PollOption" ADD COLUMN "sourceId" TEXT;
ALTER TABLE "PollOption" ADD CONSTRAINT "PollOption_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Response"("id") ON DELETE SET NULL ON UPDATE CASCADE;
