import type { CoreDeps } from '../consultation/deps.ts';
import { findProgramme } from '../digest/build-digest.ts';
import type { RosterImportResult } from '../ports/store.ts';
import { parseRoster, type RosterProblem, type RosterRow } from './parse-roster.ts';

export type RosterImport =
  | { ok: true; programme: string; members: number; changes: RosterImportResult }
  | { ok: false; problems: RosterProblem[] };

/** Attribute names as the organiser gives them (`region,phase`), lower-cased, blanks dropped. */
export function attributeNames(list: string | undefined): string[] {
  return (list ?? '')
    .split(',')
    .map((a) => a.trim().toLowerCase())
    .filter(Boolean);
}

/**
 * Loads a programme's roster from a file's rows: every problem listed and nothing loaded, or the roster updated in
 * place (see `RosterRepository.import`) and the import audited.
 */
export async function importRoster(
  deps: CoreDeps,
  programmeSlug: string,
  file: { header: string[]; headerLine?: number; rows: RosterRow[] },
  attributes: string[],
): Promise<RosterImport> {
  const programme = await findProgramme(deps.store, programmeSlug);
  const parsed = parseRoster(file.header, file.rows, attributes, file.headerLine);
  if (!parsed.ok) return parsed;
  const changes = await deps.store.roster.import(programme.id, parsed.entries, deps.clock.now());
  await deps.store.audit.record({
    programmeId: programme.id,
    actor: 'cli',
    action: 'roster.imported',
    detail: { members: parsed.entries.length, attributes, ...changes },
  });
  return { ok: true, programme: programme.slug, members: parsed.entries.length, changes };
}
