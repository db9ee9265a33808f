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
