/** Prisma reports a unique-constraint violation as P2002, whichever database and generated client raised it. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}
