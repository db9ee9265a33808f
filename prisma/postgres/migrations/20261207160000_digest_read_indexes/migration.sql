-- A digest reads who answered each question when, and groups each question's voters: both now come from an index
-- alone, not from every answer's and vote's row (an answer's row holds its text).
DROP INDEX "Response_questionId_createdAt_idx";
CREATE INDEX "Response_question_answerers_idx" ON "Response"("questionId", "createdAt", "participantId", "postingId", "deletedAt");
CREATE INDEX "Vote_questionId_participantId_castAt_retractedAt_idx" ON "Vote"("questionId", "participantId", "castAt", "retractedAt");
