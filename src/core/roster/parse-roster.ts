import type { RosterEntry } from '../ports/store.ts';

/**
 * A roster file's rows checked and turned into members. Columns: `member` (required, unique), `name`, `email`,
 * `slack`, `discord`, `teams`, `web`, and the attribute columns the organiser names; any other column is a problem. Every
 * problem is listed with its line; when there is one, no member is returned, so nothing is loaded.
 */

export const ROSTER_COLUMNS = ['member', 'name', 'email', 'slack', 'discord', 'teams', 'web'] as const;
const PLATFORM_COLUMNS = ['slack', 'discord', 'teams', 'web'] as const;

export interface RosterRow {
  /** The line of the file the row starts on (the header is line 1). */
  line: number;
  cells: string[];
}

export interface RosterProblem {
  line: number;
  message: string;
}

export type ParsedRoster = { ok: true; entries: RosterEntry[] } | { ok: false; problems: RosterProblem[] };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** A Microsoft Entra object id, as Teams names a person to Agora (the user principal name or e-mail is not one). */
const ENTRA_OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function headerProblems(header: string[], headerLine: number, attributes: string[]): RosterProblem[] {
  const problems: RosterProblem[] = [];
  const known = new Set<string>([...ROSTER_COLUMNS, ...attributes]);
  const seen = new Set<string>();
  for (const column of header) {
    if (seen.has(column)) problems.push({ line: headerLine, message: `column "${column}" appears twice` });
    seen.add(column);
    if (!known.has(column))
      problems.push({
        line: headerLine,
        message: `unknown column "${column}": name it as an attribute (--attributes ${[...attributes, column].join(',')}) or remove it`,
      });
  }
  if (!seen.has('member'))
    problems.push({ line: headerLine, message: 'there is no "member" column: every row needs a member id' });
  for (const attribute of attributes) {
    if ((ROSTER_COLUMNS as readonly string[]).includes(attribute))
      problems.push({ line: headerLine, message: `"${attribute}" is a roster column, not an attribute` });
    else if (!seen.has(attribute))
      problems.push({
        line: headerLine,
        message: `attribute "${attribute}" was named but the file has no such column`,
      });
  }
  return problems;
}

/** Platform ids as `platform:id`; a cell that already carries its platform prefix is taken as it is. */
function platformId(platform: string, value: string): string {
  return value.startsWith(`${platform}:`) ? value : `${platform}:${value}`;
}

export function parseRoster(header: string[], rows: RosterRow[], attributes: string[], headerLine = 1): ParsedRoster {
  const columns = header.map((h) => h.trim().toLowerCase());
  const problems = headerProblems(columns, headerLine, attributes);
  // Without member ids no row can be checked; any other header problem still lets every row be checked.
  if (!columns.includes('member')) return { ok: false, problems };
  const index = new Map(columns.map((c, i) => [c, i]));
  const cell = (row: RosterRow, column: string) => {
    const i = index.get(column);
    return i === undefined ? '' : (row.cells[i] ?? '').trim();
  };
  const firstLine = new Map<string, number>();
  const entries: RosterEntry[] = [];
  for (const row of rows) {
    if (row.cells.length !== columns.length) {
      problems.push({
        line: row.line,
        message: `has ${row.cells.length} cells but the header has ${columns.length} columns`,
      });
      continue;
    }
    const memberKey = cell(row, 'member');
    if (!memberKey) {
      problems.push({ line: row.line, message: 'missing member id' });
      continue;
    }
    const earlier = firstLine.get(memberKey);
    if (earlier !== undefined) {
      problems.push({ line: row.line, message: `duplicate member "${memberKey}" (first on line ${earlier})` });
      continue;
    }
    firstLine.set(memberKey, row.line);
    const email = cell(row, 'email');
    if (email && !EMAIL.test(email)) {
      problems.push({ line: row.line, message: `bad e-mail "${email}" for member "${memberKey}"` });
      continue;
    }
    const teams = cell(row, 'teams')
      .replace(/^teams:/, '')
      .toLowerCase();
    if (teams && !ENTRA_OBJECT_ID.test(teams)) {
      problems.push({
        line: row.line,
        message: `teams id "${cell(row, 'teams')}" for member "${memberKey}" is not a Microsoft Entra object id (a GUID such as 8f3c2a1e-5b7d-4c9e-a0f1-2b3c4d5e6f70, shown in the Entra admin centre)`,
      });
      continue;
    }
    const platformIds = PLATFORM_COLUMNS.flatMap((p) => {
      const value = p === 'teams' ? teams : cell(row, p);
      return value ? [platformId(p, value)] : [];
    });
    entries.push({
      memberKey,
      displayName: cell(row, 'name'),
      email: email ? email.toLowerCase() : null,
      platformIds,
      attributes: Object.fromEntries(attributes.map((a) => [a, cell(row, a)])),
    });
  }
  return problems.length ? { ok: false, problems } : { ok: true, entries };
}
