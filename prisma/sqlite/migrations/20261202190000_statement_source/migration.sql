-- The reply a statement was proposed from ("Propose as a statement"); cleared when that reply is erased.
ALTER TABLE "PollOption" ADD COLUMN "sourceId" TEXT REFERENCES "Response" ("id") ON DELETE SET NULL ON UPDATE CASCADE;
