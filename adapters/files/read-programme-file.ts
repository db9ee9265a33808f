import { readFile, stat } from 'node:fs/promises';
import cron from 'node-cron';
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, visit } from 'yaml';
import type { ProgrammeDefinition } from '../../src/core/programme/definition.ts';
import { type ProblemPath, validateProgramme } from '../../src/core/programme/validate-programme.ts';

/** A problem in a programme file, located for a person to fix: file, line, column and field. */
export interface LocatedProblem {
  file: string;
  line: number;
  column: number;
  field: string;
  message: string;
}

export type ProgrammeFileResult =
  | { ok: true; file: string; programme: ProgrammeDefinition; source: string }
  | { ok: false; file: string; problems: LocatedProblem[] };

function fieldName(path: ProblemPath): string {
  return (
    path.reduce<string>(
      (text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part),
      '',
    ) || '(top level)'
  );
}

/** The deepest node of the document that the path reaches: the field itself, or the object it is missing from. */
function nodeAt(root: Node | null, path: ProblemPath): Node | null {
  let node: Node | null = root;
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === part);
      if (!pair) return node;
      node = (pair.value as Node | null) ?? (pair.key as Node);
    } else if (isSeq(node) && typeof part === 'number') {
      const item = node.items[part] as Node | undefined;
      if (!item) return node;
      node = item;
    } else {
      return node;
    }
  }
  return node;
}

/** Programme files are a few kilobytes; anything this large is a mistake or an attack, and is not parsed. */
export const PROGRAMME_FILE_MAX_BYTES = 1024 * 1024;
/** Anchors and aliases (`&options` / `*options`) may share a list a few times, never multiply a document. */
export const PROGRAMME_FILE_MAX_ALIASES = 100;

function firstAliasOffset(document: ReturnType<typeof parseDocument>): number {
  let offset = 0;
  visit(document, {
    Alias(_key, node) {
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

/** The document as plain data; YAML that cannot be turned into data (an alias bomb) is a located problem. */
function documentData(
  document: ReturnType<typeof parseDocument>,
): { ok: true; data: unknown } | { ok: false; offset: number; message: string } {
  try {
    return { ok: true, data: document.toJS({ maxAliasCount: PROGRAMME_FILE_MAX_ALIASES }) };
  } catch (error) {
    const excessive = /excessive alias/i.test(String((error as Error).message));
    return {
      ok: false,
      offset: firstAliasOffset(document),
      message: excessive
        ? `the file's aliases (*name) expand to more than ${PROGRAMME_FILE_MAX_ALIASES} copies of their anchors (&name); write the repeated parts out instead`
        : `the YAML could not be read: ${String((error as Error).message).split('\n')[0]}`,
    };
  }
}

function problemAt(file: string, line: number, column: number, field: string, message: string): ProgrammeFileResult {
  return { ok: false, file, problems: [{ file, line, column, field, message }] };
}

function tooLarge(file: string, bytes: number): ProgrammeFileResult {
  const limit = PROGRAMME_FILE_MAX_BYTES.toLocaleString('en-GB');
  return problemAt(
    file,
    1,
    1,
    '(file)',
    `the file is ${bytes.toLocaleString('en-GB')} bytes; at most ${limit} are read`,
  );
}

export function readProgrammeText(source: string, file: string): ProgrammeFileResult {
  const bytes = Buffer.byteLength(source, 'utf8');
  if (bytes > PROGRAMME_FILE_MAX_BYTES) return tooLarge(file, bytes);
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const locate = (offset: number) => lineCounter.linePos(offset);
  if (document.errors.length > 0) {
    return {
      ok: false,
      file,
      problems: document.errors.map((error) => {
        const { line, col } = locate(error.pos[0]);
        return {
          file,
          line,
          column: col,
          field: '(YAML syntax)',
          message: error.message.split('\n')[0] ?? error.message,
        };
      }),
    };
  }
  const data = documentData(document);
  if (!data.ok) {
    const { line, col } = locate(data.offset);
    return problemAt(file, line, col, '(YAML aliases)', data.message);
  }
  const validation = validateProgramme(data.data, { isValidCron: (expression) => cron.validate(expression) });
  if (validation.ok) return { ok: true, file, programme: validation.programme, source };
  const problems = validation.problems.map((problem) => {
    const node = nodeAt(document.contents, problem.path);
    const { line, col } = locate(node?.range?.[0] ?? 0);
    return { file, line, column: col, field: fieldName(problem.path), message: problem.message };
  });
  return { ok: false, file, problems: problems.sort((a, b) => a.line - b.line || a.column - b.column) };
}

export async function readProgrammeFile(file: string): Promise<ProgrammeFileResult> {
  let source: string;
  try {
    const { size } = await stat(file);
    // Checked before reading, so that a huge file is refused without being held in memory.
    if (size > PROGRAMME_FILE_MAX_BYTES) return tooLarge(file, size);
    source = await readFile(file, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String((error as Error).message);
    return { ok: false, file, problems: [{ file, line: 0, column: 0, field: '(file)', message: reason }] };
  }
  return readProgrammeText(source, file);
}

export function formatProblem(problem: LocatedProblem): string {
  return `${problem.file}:${problem.line}:${problem.column}  ${problem.field}: ${problem.message}`;
}
