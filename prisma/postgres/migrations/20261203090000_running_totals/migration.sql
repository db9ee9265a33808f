-- Running vote tallies: live votes per question, subject and exact choice, kept by a trigger in the same
-- transaction as every write to "Vote" (cast, change, retraction, erasure, retention purge), so reading a
-- tally costs one row per choice instead of a scan of every vote.
CREATE TABLE "VoteTally" (
    "questionId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "choice" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "VoteTally_pkey" PRIMARY KEY ("questionId", "subject", "choice")
);

ALTER TABLE "VoteTally" ADD CONSTRAINT "VoteTally_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "Question"("id") ON DELETE CASCADE ON UPDATE CASCADE;

INSERT INTO "VoteTally" ("questionId", "subject", "choice", "count")
SELECT "questionId", "subject", "choice"::text, COUNT(*) FROM "Vote" WHERE "retractedAt" IS NULL
GROUP BY "questionId", "subject", "choice"::text;

-- The schema the migration runs in is the one the function reads and writes, whatever a later caller's search_path.
CREATE FUNCTION "vote_tally"() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    IF OLD."retractedAt" IS NULL THEN
      UPDATE "VoteTally" SET "count" = "count" - 1
      WHERE "questionId" = OLD."questionId" AND "subject" = OLD."subject" AND "choice" = OLD."choice"::text;
    END IF;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    IF NEW."retractedAt" IS NULL THEN
      INSERT INTO "VoteTally" ("questionId", "subject", "choice", "count")
      VALUES (NEW."questionId", NEW."subject", NEW."choice"::text, 1)
      ON CONFLICT ("questionId", "subject", "choice") DO UPDATE SET "count" = "VoteTally"."count" + 1;
    END IF;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Vote_tally" AFTER INSERT OR DELETE OR UPDATE OF "questionId", "subject", "choice", "retractedAt"
ON "Vote" FOR EACH ROW EXECUTE FUNCTION "vote_tally"();

-- What a question's summary is computed from, as running totals kept by triggers on "Response" and "Vote": rows,
-- live rows, characters written and private answers; and counters that only grow, of edits, deletions and vote
-- retractions (so an unchanged counter means none happened since).
CREATE TABLE "QuestionTotals" (
    "questionId" TEXT NOT NULL,
    "responses" INTEGER NOT NULL DEFAULT 0,
    "liveResponses" INTEGER NOT NULL DEFAULT 0,
    "written" BIGINT NOT NULL DEFAULT 0,
    "privateResponses" INTEGER NOT NULL DEFAULT 0,
    "edits" INTEGER NOT NULL DEFAULT 0,
    "deletions" INTEGER NOT NULL DEFAULT 0,
    "retractions" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "QuestionTotals_pkey" PRIMARY KEY ("questionId")
);

ALTER TABLE "QuestionTotals" ADD CONSTRAINT "QuestionTotals_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "Question"("id") ON DELETE CASCADE ON UPDATE CASCADE;

INSERT INTO "QuestionTotals" ("questionId", "responses", "liveResponses", "written", "privateResponses")
SELECT "questionId", COUNT(*), COUNT(*) FILTER (WHERE "deletedAt" IS NULL), SUM(LENGTH("body")),
  COUNT(*) FILTER (WHERE "private")
FROM "Response" GROUP BY "questionId";

CREATE FUNCTION "response_totals"() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    UPDATE "QuestionTotals" SET
      "responses" = "responses" - 1,
      "liveResponses" = "liveResponses" - (OLD."deletedAt" IS NULL)::int,
      "written" = "written" - LENGTH(OLD."body"),
      "privateResponses" = "privateResponses" - OLD."private"::int,
      "deletions" = "deletions" + (TG_OP = 'DELETE')::int
    WHERE "questionId" = OLD."questionId";
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO "QuestionTotals" AS t ("questionId", "responses", "liveResponses", "written", "privateResponses", "edits", "deletions")
    VALUES (NEW."questionId", 1, (NEW."deletedAt" IS NULL)::int, LENGTH(NEW."body"), NEW."private"::int,
      CASE WHEN TG_OP = 'UPDATE' THEN (NEW."body" IS DISTINCT FROM OLD."body" OR NEW."editedAt" IS DISTINCT FROM OLD."editedAt")::int ELSE 0 END,
      CASE WHEN TG_OP = 'UPDATE' THEN (NEW."deletedAt" IS DISTINCT FROM OLD."deletedAt")::int ELSE 0 END)
    ON CONFLICT ("questionId") DO UPDATE SET
      "responses" = t."responses" + 1,
      "liveResponses" = t."liveResponses" + excluded."liveResponses",
      "written" = t."written" + excluded."written",
      "privateResponses" = t."privateResponses" + excluded."privateResponses",
      "edits" = t."edits" + excluded."edits",
      "deletions" = t."deletions" + excluded."deletions";
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Response_totals" AFTER INSERT OR DELETE OR UPDATE OF "questionId", "body", "private", "editedAt", "deletedAt"
ON "Response" FOR EACH ROW EXECUTE FUNCTION "response_totals"();

CREATE FUNCTION "vote_retractions"() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  IF OLD."retractedAt" IS NOT NULL THEN
    RETURN NULL;
  END IF;
  -- A deletion may be its question's own, cascading: only a row that is still there is counted on.
  IF TG_OP = 'DELETE' THEN
    UPDATE "QuestionTotals" SET "retractions" = "retractions" + 1 WHERE "questionId" = OLD."questionId";
  ELSIF NEW."retractedAt" IS NOT NULL THEN
    INSERT INTO "QuestionTotals" AS t ("questionId", "retractions") VALUES (NEW."questionId", 1)
    ON CONFLICT ("questionId") DO UPDATE SET "retractions" = t."retractions" + 1;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Vote_retractions" AFTER DELETE OR UPDATE OF "retractedAt" ON "Vote"
FOR EACH ROW EXECUTE FUNCTION "vote_retractions"();
