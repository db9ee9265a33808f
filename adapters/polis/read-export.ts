import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';
import type { Vote, VoteValue } from '../../src/core/positions/vote-matrix.ts';

/**
 * Reads a Pol.is export folder (comments.csv and votes.csv; every other file is ignored). Columns are found by
 * their header names, since they vary between exports. Comments moderated out (moderated = -1) and meta comments
 * are left out of the statements; votes on them are kept, listed in `hiddenStatementIds`, because Pol.is still
 * counts them as participation when it places people.
 */
export interface PolisStatement {
  readonly id: string;
  readonly text: string;
  readonly authorId: string;
}

export interface PolisExport {
  readonly statements: PolisStatement[];
  readonly votes: Vote[];
  readonly hiddenStatementIds: string[];
}

/** A missing, unreadable or malformed export file; `line` is the line of the record at fault, when known. */
export class PolisExportError extends Error {
  readonly file: string;
  readonly line: number | undefined;

  constructor(file: string, message: string, line?: number) {
    super(line === undefined ? `${file}: ${message}` : `${file}, line ${line}: ${message}`);
    this.name = 'PolisExportError';
    this.file = file;
    this.line = line;
  }
}

interface Row {
  get(column: string): string;
  has(column: string): boolean;
  /** The line the record ends on, for error messages. */
  line(): number;
}

async function readRows(file: string, required: readonly string[]): Promise<Row[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new PolisExportError(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const options = { bom: true, skip_empty_lines: true } as const;
  let records: string[][];
  try {
    records = parse(text, options);
  } catch (error) {
    if (error instanceof CsvError) throw new PolisExportError(file, error.message, Number(error.lines) || undefined);
    throw error;
  }
  // Line numbers cost a second, slower parse, so they are only worked out for a message.
  let lines: number[] | undefined;
  const lineOf = (index: number) => {
    lines ??= (parse(text, { ...options, info: true }) as unknown as { info: { lines: number } }[]).map(
      (r) => r.info.lines,
    );
    return lines[index] ?? 0;
  };
  const [header, ...body] = records;
  if (header === undefined) throw new PolisExportError(file, 'is empty');
  const positions = new Map(header.map((name, at) => [name.trim(), at]));
  const missing = required.filter((name) => !positions.has(name));
  if (missing.length > 0) throw new PolisExportError(file, `missing column ${missing.join(', ')}`, lineOf(0));
  return body.map((fields, index) => ({
    has: (column) => positions.has(column),
    get: (column) => (fields[positions.get(column) ?? -1] ?? '').trim(),
    line: () => lineOf(index + 1),
  }));
}

function integer(file: string, row: Row, column: string): number {
  const text = row.get(column);
  const value = Number(text);
  if (text === '' || !Number.isInteger(value)) {
    throw new PolisExportError(file, `${column} should be a whole number, found "${text}"`, row.line());
  }
  return value;
}

function identifier(file: string, row: Row, column: string): string {
  const text = row.get(column);
  if (text === '') throw new PolisExportError(file, `${column} is empty`, row.line());
  return text;
}

const isMeta = (row: Row) => row.has('is-meta') && ['true', '1'].includes(row.get('is-meta').toLowerCase());

async function readComments(folder: string) {
  const file = path.join(folder, 'comments.csv');
  const rows = await readRows(file, ['comment-id', 'moderated', 'comment-body']);
  const statements: PolisStatement[] = [];
  const hiddenStatementIds: string[] = [];
  for (const row of rows) {
    const id = identifier(file, row, 'comment-id');
    const moderated = integer(file, row, 'moderated');
    if (moderated === -1 || isMeta(row)) hiddenStatementIds.push(id);
    else statements.push({ id, text: row.get('comment-body'), authorId: row.get('author-id') });
  }
  return { statements, hiddenStatementIds };
}

async function readVotes(folder: string): Promise<Vote[]> {
  const file = path.join(folder, 'votes.csv');
  const rows = await readRows(file, ['timestamp', 'comment-id', 'voter-id', 'vote']);
  return rows.map((row) => {
    const vote = integer(file, row, 'vote');
    if (vote !== 1 && vote !== -1 && vote !== 0) {
      throw new PolisExportError(file, `vote should be 1, -1 or 0, found "${row.get('vote')}"`, row.line());
    }
    return {
      participantId: identifier(file, row, 'voter-id'),
      statementId: identifier(file, row, 'comment-id'),
      vote: vote as VoteValue,
      at: integer(file, row, 'timestamp'),
    };
  });
}

async function checkFolder(folder: string): Promise<void> {
  const found = await stat(folder).catch(() => undefined);
  if (found === undefined) throw new PolisExportError(folder, 'no such folder');
  if (!found.isDirectory()) throw new PolisExportError(folder, 'is not a folder');
}

export async function readPolisExport(folder: string): Promise<PolisExport> {
  await checkFolder(folder);
  const [{ statements, hiddenStatementIds }, votes] = await Promise.all([readComments(folder), readVotes(folder)]);
  return { statements, votes, hiddenStatementIds };
}

/** Pol.is's own groups from participants-votes.csv: participant id to group-id, null when not grouped. */
export async function readPolisGroups(folder: string): Promise<Map<string, string | null>> {
  await checkFolder(folder);
  const file = path.join(folder, 'participants-votes.csv');
  const rows = await readRows(file, ['participant', 'group-id']);
  return new Map(rows.map((row) => [identifier(file, row, 'participant'), row.get('group-id') || null]));
}

/** Pol.is's own group-informed consensus per comment, when comments.csv carries that column (newer exports). */
export async function readPolisGroupInformedConsensus(folder: string): Promise<Map<string, number> | undefined> {
  const file = path.join(folder, 'comments.csv');
  const rows = await readRows(file, ['comment-id']);
  if (rows.length === 0 || !rows[0]?.has('group-informed-consensus')) return undefined;
  return new Map(rows.map((row) => [identifier(file, row, 'comment-id'), Number(row.get('group-informed-consensus'))]));
}
