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

-- Per statement, from its transition tables: a batch of answers written in one insert adds to each question's row once.
CREATE FUNCTION "response_totals_add"() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  INSERT INTO "QuestionTotals" AS t ("questionId", "responses", "liveResponses", "written", "privateResponses")
  SELECT "questionId", COUNT(*), COUNT(*) FILTER (WHERE "deletedAt" IS NULL), SUM(LENGTH("body")),
    COUNT(*) FILTER (WHERE "private")
  FROM "added" GROUP BY "questionId"
  ON CONFLICT ("questionId") DO UPDATE SET
    "responses" = t."responses" + excluded."responses",
    "liveResponses" = t."liveResponses" + excluded."liveResponses",
    "written" = t."written" + excluded."written",
    "privateResponses" = t."privateResponses" + excluded."privateResponses";
  RETURN NULL;
END;
$$;

CREATE FUNCTION "response_totals_remove"() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  UPDATE "QuestionTotals" t SET
    "responses" = t."responses" - d."rows",
    "liveResponses" = t."liveResponses" - d."live",
    "written" = t."written" - d."written",
    "privateResponses" = t."privateResponses" - d."private",
    "deletions" = t."deletions" + d."rows"
  FROM (
    SELECT "questionId", COUNT(*) AS "rows", COUNT(*) FILTER (WHERE "deletedAt" IS NULL) AS "live",
      SUM(LENGTH("body")) AS "written", COUNT(*) FILTER (WHERE "private") AS "private"
    FROM "removed" GROUP BY "questionId"
  ) d
  WHERE t."questionId" = d."questionId";
  RETURN NULL;
END;
$$;

CREATE FUNCTION "response_totals_change"() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  UPDATE "QuestionTotals" t SET
    "responses" = t."responses" - d."rows",
    "liveResponses" = t."liveResponses" - d."live",
    "written" = t."written" - d."written",
    "privateResponses" = t."privateResponses" - d."private"
  FROM (
    SELECT "questionId", COUNT(*) AS "rows", COUNT(*) FILTER (WHERE "deletedAt" IS NULL) AS "live",
      SUM(LENGTH("body")) AS "written", COUNT(*) FILTER (WHERE "private") AS "private"
    FROM "before" GROUP BY "questionId"
  ) d
  WHERE t."questionId" = d."questionId";
  INSERT INTO "QuestionTotals" AS t ("questionId", "responses", "liveResponses", "written", "privateResponses", "edits", "deletions")
  SELECT n."questionId", COUNT(*), COUNT(*) FILTER (WHERE n."deletedAt" IS NULL), SUM(LENGTH(n."body")),
    COUNT(*) FILTER (WHERE n."private"),
    COUNT(*) FILTER (WHERE n."body" IS DISTINCT FROM o."body" OR n."editedAt" IS DISTINCT FROM o."editedAt"),
    COUNT(*) FILTER (WHERE n."deletedAt" IS DISTINCT FROM o."deletedAt")
  FROM "after" n JOIN "before" o ON o."id" = n."id"
  GROUP BY n."questionId"
  ON CONFLICT ("questionId") DO UPDATE SET
    "responses" = t."responses" + excluded."responses",
    "liveResponses" = t."liveResponses" + excluded."liveResponses",
    "written" = t."written" + excluded."written",
    "privateResponses" = t."privateResponses" + excluded."privateResponses",
    "edits" = t."edits" + excluded."edits",
    "deletions" = t."deletions" + excluded."deletions";
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Response_totals_insert" AFTER INSERT ON "Response"
REFERENCING NEW TABLE AS "added" FOR EACH STATEMENT EXECUTE FUNCTION "response_totals_add"();
CREATE TRIGGER "Response_totals_delete" AFTER DELETE ON "Response"
REFERENCING OLD TABLE AS "removed" FOR EACH STATEMENT EXECUTE FUNCTION "response_totals_remove"();
CREATE TRIGGER "Response_totals_update" AFTER UPDATE ON "Response"
REFERENCING OLD TABLE AS "before" NEW TABLE AS "after" FOR EACH STATEMENT EXECUTE FUNCTION "response_totals_change"();

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
