-- Exports read a question's votes in pages, oldest first (keyset pagination on castAt, id).
CREATE INDEX "Vote_questionId_castAt_idx" ON "Vote"("questionId", "castAt");
