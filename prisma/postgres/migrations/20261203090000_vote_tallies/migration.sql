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
