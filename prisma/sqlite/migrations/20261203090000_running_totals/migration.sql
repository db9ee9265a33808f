-- Running vote tallies: live votes per question, subject and exact choice, kept by triggers in the same
-- transaction as every write to "Vote" (cast, change, retraction, erasure, retention purge), so reading a
-- tally costs one row per choice instead of a scan of every vote.
CREATE TABLE "VoteTally" (
    "questionId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "choice" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("questionId", "subject", "choice"),
    CONSTRAINT "VoteTally_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "Question" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

INSERT INTO "VoteTally" ("questionId", "subject", "choice", "count")
SELECT "questionId", "subject", "choice", COUNT(*) FROM "Vote" WHERE "retractedAt" IS NULL
GROUP BY "questionId", "subject", "choice";

CREATE TRIGGER "Vote_tally_insert" AFTER INSERT ON "Vote" WHEN NEW."retractedAt" IS NULL
BEGIN
  INSERT INTO "VoteTally" ("questionId", "subject", "choice", "count")
  VALUES (NEW."questionId", NEW."subject", NEW."choice", 1)
  ON CONFLICT ("questionId", "subject", "choice") DO UPDATE SET "count" = "count" + 1;
END;

CREATE TRIGGER "Vote_tally_delete" AFTER DELETE ON "Vote" WHEN OLD."retractedAt" IS NULL
BEGIN
  UPDATE "VoteTally" SET "count" = "count" - 1
  WHERE "questionId" = OLD."questionId" AND "subject" = OLD."subject" AND "choice" = OLD."choice";
END;

CREATE TRIGGER "Vote_tally_update" AFTER UPDATE OF "questionId", "subject", "choice", "retractedAt" ON "Vote"
BEGIN
  UPDATE "VoteTally" SET "count" = "count" - 1
  WHERE OLD."retractedAt" IS NULL
    AND "questionId" = OLD."questionId" AND "subject" = OLD."subject" AND "choice" = OLD."choice";
  INSERT INTO "VoteTally" ("questionId", "subject", "choice", "count")
  SELECT NEW."questionId", NEW."subject", NEW."choice", 1 WHERE NEW."retractedAt" IS NULL
  ON CONFLICT ("questionId", "subject", "choice") DO UPDATE SET "count" = "count" + 1;
END;

-- What a question's summary is computed from, as running totals kept by triggers on "Response" and "Vote": rows,
-- live rows, characters written and private answers; and counters that only grow, of edits, deletions and vote
-- retractions (so an unchanged counter means none happened since).
CREATE TABLE "QuestionTotals" (
    "questionId" TEXT NOT NULL PRIMARY KEY,
    "responses" INTEGER NOT NULL DEFAULT 0,
    "liveResponses" INTEGER NOT NULL DEFAULT 0,
    "written" BIGINT NOT NULL DEFAULT 0,
    "privateResponses" INTEGER NOT NULL DEFAULT 0,
    "edits" INTEGER NOT NULL DEFAULT 0,
    "deletions" INTEGER NOT NULL DEFAULT 0,
    "retractions" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "QuestionTotals_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "Question" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

INSERT INTO "QuestionTotals" ("questionId", "responses", "liveResponses", "written", "privateResponses")
SELECT "questionId", COUNT(*), SUM(CASE WHEN "deletedAt" IS NULL THEN 1 ELSE 0 END), SUM(LENGTH("body")),
  SUM(CASE WHEN "private" THEN 1 ELSE 0 END)
FROM "Response" GROUP BY "questionId";

CREATE TRIGGER "Response_totals_insert" AFTER INSERT ON "Response"
BEGIN
  INSERT INTO "QuestionTotals" ("questionId", "responses", "liveResponses", "written", "privateResponses")
  VALUES (NEW."questionId", 1, NEW."deletedAt" IS NULL, LENGTH(NEW."body"), NEW."private" <> 0)
  ON CONFLICT ("questionId") DO UPDATE SET
    "responses" = "responses" + 1,
    "liveResponses" = "liveResponses" + excluded."liveResponses",
    "written" = "written" + excluded."written",
    "privateResponses" = "privateResponses" + excluded."privateResponses";
END;

CREATE TRIGGER "Response_totals_delete" AFTER DELETE ON "Response"
BEGIN
  UPDATE "QuestionTotals" SET
    "responses" = "responses" - 1,
    "liveResponses" = "liveResponses" - (OLD."deletedAt" IS NULL),
    "written" = "written" - LENGTH(OLD."body"),
    "privateResponses" = "privateResponses" - (OLD."private" <> 0),
    "deletions" = "deletions" + 1
  WHERE "questionId" = OLD."questionId";
END;

CREATE TRIGGER "Response_totals_update" AFTER UPDATE OF "questionId", "body", "private", "editedAt", "deletedAt" ON "Response"
BEGIN
  UPDATE "QuestionTotals" SET
    "responses" = "responses" - 1,
    "liveResponses" = "liveResponses" - (OLD."deletedAt" IS NULL),
    "written" = "written" - LENGTH(OLD."body"),
    "privateResponses" = "privateResponses" - (OLD."private" <> 0)
  WHERE "questionId" = OLD."questionId";
  INSERT INTO "QuestionTotals" ("questionId", "responses", "liveResponses", "written", "privateResponses", "edits", "deletions")
  SELECT NEW."questionId", 1, NEW."deletedAt" IS NULL, LENGTH(NEW."body"), NEW."private" <> 0,
    NEW."body" IS NOT OLD."body" OR NEW."editedAt" IS NOT OLD."editedAt", NEW."deletedAt" IS NOT OLD."deletedAt"
  WHERE true
  ON CONFLICT ("questionId") DO UPDATE SET
    "responses" = "responses" + 1,
    "liveResponses" = "liveResponses" + excluded."liveResponses",
    "written" = "written" + excluded."written",
    "privateResponses" = "privateResponses" + excluded."privateResponses",
    "edits" = "edits" + excluded."edits",
    "deletions" = "deletions" + excluded."deletions";
END;

CREATE TRIGGER "Vote_totals_retraction" AFTER UPDATE OF "retractedAt" ON "Vote"
WHEN OLD."retractedAt" IS NULL AND NEW."retractedAt" IS NOT NULL
BEGIN
  INSERT INTO "QuestionTotals" ("questionId", "retractions") VALUES (NEW."questionId", 1)
  ON CONFLICT ("questionId") DO UPDATE SET "retractions" = "retractions" + 1;
END;

CREATE TRIGGER "Vote_totals_delete" AFTER DELETE ON "Vote" WHEN OLD."retractedAt" IS NULL
BEGIN
  UPDATE "QuestionTotals" SET "retractions" = "retractions" + 1 WHERE "questionId" = OLD."questionId";
END;
