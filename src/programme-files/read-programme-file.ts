import { readFile } from 'node:fs/promises';
import cron from 'node-cron';
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { ProgrammeDefinition } from '../core/programme/definition.ts';
import { type ProblemPath, validateProgramme } from '../core/programme/validate-programme.ts';

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

export function readProgrammeText(source: string, file: string): ProgrammeFileResult {
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
  const validation = validateProgramme(document.toJS(), { isValidCron: (expression) => cron.validate(expression) });
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
