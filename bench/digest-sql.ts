import Database from 'better-sqlite3';

/**
 * The baseline: the digest's counts as plain SQL aggregations, straight on better-sqlite3 (no Prisma, no rendering):
 * per question and platform the people, those active in the week and those new to the programme in it; responses
 * per question in total and in the week; votes per question, subject and exact choice.
 */
export function plainSqlDigestCounts(file: string, slug: string, start: Date, end: Date): { rows: number } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const iso = (d: Date) => d.toISOString().replace('Z', '+00:00');
  const params = { start: iso(start), end: iso(end) };
  try {
    const { id } = db.prepare('SELECT "id" FROM "Programme" WHERE "slug" = ?').get(slug) as { id: string };
    const contributions = `
      SELECT r."questionId" AS q, r."participantId" AS p, r."createdAt" AS at FROM "Response" r
        JOIN "Question" qu ON qu."id" = r."questionId"
        WHERE qu."programmeId" = :id AND r."deletedAt" IS NULL AND r."createdAt" < :end
      UNION ALL
      SELECT v."questionId", v."participantId", v."castAt" FROM "Vote" v
        JOIN "Question" qu ON qu."id" = v."questionId"
        WHERE qu."programmeId" = :id AND v."retractedAt" IS NULL AND v."castAt" < :end`;
    const participation = db
      .prepare(
        `WITH c AS MATERIALIZED (${contributions}),
         f AS MATERIALIZED (SELECT p, MIN(at) AS first FROM c GROUP BY p)
         SELECT c.q, pa."platform", COUNT(DISTINCT c.p) AS people,
           COUNT(DISTINCT CASE WHEN c.at >= :start THEN c.p END) AS active,
           COUNT(DISTINCT CASE WHEN f.first >= :start THEN c.p END) AS newcomers
         FROM c JOIN f ON f.p = c.p JOIN "Participant" pa ON pa."id" = c.p
         GROUP BY c.q, pa."platform"`,
      )
      .all({ ...params, id });
    const responses = db
      .prepare(
        `SELECT r."questionId", COUNT(*), SUM(CASE WHEN r."createdAt" >= :start THEN 1 ELSE 0 END) FROM "Response" r
         JOIN "Question" qu ON qu."id" = r."questionId"
         WHERE qu."programmeId" = :id AND r."deletedAt" IS NULL AND r."createdAt" < :end GROUP BY r."questionId"`,
      )
      .all({ ...params, id });
    const tallies = db
      .prepare(
        `SELECT v."questionId", v."subject", v."choice", COUNT(*) FROM "Vote" v
         JOIN "Question" qu ON qu."id" = v."questionId"
         WHERE qu."programmeId" = :id AND v."retractedAt" IS NULL AND v."castAt" < :end
         GROUP BY v."questionId", v."subject", v."choice"`,
      )
      .all({ end: params.end, id });
    return { rows: participation.length + responses.length + tallies.length };
  } finally {
    db.close();
  }
}
