import { UserError } from '../errors.ts';
import { digestOf, type ExportSource } from './export-source.ts';
import type { DigestOutline } from './model.ts';
import { renderResponsesCsv, renderVotesCsv } from './render-csv.ts';
import { renderHtml } from './render-html.ts';
import { renderJson } from './render-json.ts';
import { renderMarkdown } from './render-markdown.ts';
import { renderPolisComments, renderPolisParticipants, renderPolisSummary, renderPolisVotes } from './render-polis.ts';

/**
 * Export formats. Each gives one or more files, all rendered from the same digest (its model, and for raw exports
 * the rows behind it). Several files make a folder on the command line; in chat and over HTTP one file is sent at a
 * time: the first unless another is asked for by name (`export csv votes.csv`, `?file=votes.csv`).
 */

export type ExportChunk = string | Uint8Array;

export interface ExportFile {
  /** May contain one `/` (a sub-folder), e.g. `q-statements/votes.csv`. */
  name: string;
  mediaType: string;
  render(source: ExportSource): AsyncIterable<ExportChunk>;
}

export interface ExportFormat {
  name: string;
  description: string;
  /** `digest`: shows the digest's counts (built first); `rows`: raw rows only, so nothing is counted up front. */
  needs: 'digest' | 'rows';
  files(outline: DigestOutline): ExportFile[];
}

export function baseName(outline: DigestOutline): string {
  return `digest-${outline.programme.slug}-${outline.week.label}`;
}

async function* once(text: () => string): AsyncIterable<string> {
  yield text();
}

export const markdownFormat: ExportFormat = {
  name: 'markdown',
  description: 'the digest as Markdown',
  needs: 'digest',
  files: (outline) => [
    {
      name: `${baseName(outline)}.md`,
      mediaType: 'text/markdown; charset=utf-8',
      render: (source) => once(() => renderMarkdown(digestOf(source))),
    },
  ],
};

export const htmlFormat: ExportFormat = {
  name: 'html',
  description: 'the digest as one self-contained, printable HTML page with charts',
  needs: 'digest',
  files: (outline) => [
    {
      name: `${baseName(outline)}.html`,
      mediaType: 'text/html; charset=utf-8',
      render: (source) => once(() => renderHtml(digestOf(source))),
    },
  ],
};

export const jsonFormat: ExportFormat = {
  name: 'json',
  description: 'the digest and every response and vote as JSON (schemaVersion 2, docs/schemas/digest-v2.schema.json)',
  needs: 'digest',
  files: (outline) => [
    { name: `${baseName(outline)}.json`, mediaType: 'application/json; charset=utf-8', render: renderJson },
  ],
};

export const csvFormat: ExportFormat = {
  name: 'csv',
  description:
    "every response (responses.csv, polls' thread replies too) and vote (votes.csv) up to the end of the week",
  needs: 'rows',
  files: () => [
    { name: 'responses.csv', mediaType: 'text/csv; charset=utf-8', render: renderResponsesCsv },
    { name: 'votes.csv', mediaType: 'text/csv; charset=utf-8', render: renderVotesCsv },
  ],
};

export const polisFormat: ExportFormat = {
  name: 'polis',
  description:
    'agree/disagree questions in Pol.is export format: QUESTION/comments.csv, votes.csv, participants-votes.csv, summary.csv',
  needs: 'rows',
  files: (outline) =>
    outline.questions
      .filter((q) => q.kind === 'statements')
      .flatMap((q) => {
        const record = (source: ExportSource) => {
          const found = source.questions.find((r) => r.id === q.id);
          if (!found) throw new UserError('QUESTION_NOT_FOUND', `Question "${q.key}" is no longer in the programme.`);
          return found;
        };
        return [
          {
            name: `${q.key}/comments.csv`,
            mediaType: 'text/csv; charset=utf-8',
            render: (source: ExportSource) => renderPolisComments(source, record(source)),
          },
          {
            name: `${q.key}/votes.csv`,
            mediaType: 'text/csv; charset=utf-8',
            render: (source: ExportSource) => renderPolisVotes(source, record(source)),
          },
          {
            name: `${q.key}/participants-votes.csv`,
            mediaType: 'text/csv; charset=utf-8',
            render: (source: ExportSource) => renderPolisParticipants(source, record(source)),
          },
          {
            name: `${q.key}/summary.csv`,
            mediaType: 'text/csv; charset=utf-8',
            render: (source: ExportSource) => renderPolisSummary(source, record(source)),
          },
        ];
      }),
};

/** The formats on offer; more (XLSX) are registered where their libraries are wired. */
export class ExportFormats {
  readonly #formats = new Map<string, ExportFormat>();

  constructor(formats: ExportFormat[] = [markdownFormat, htmlFormat, jsonFormat, csvFormat, polisFormat]) {
    for (const format of formats) this.register(format);
  }

  register(format: ExportFormat): this {
    this.#formats.set(format.name, format);
    return this;
  }

  names(): string[] {
    return [...this.#formats.keys()];
  }

  list(): ExportFormat[] {
    return [...this.#formats.values()];
  }

  /** The format by name (`md` for markdown is accepted), or an error naming the valid ones. */
  get(name: string): ExportFormat {
    const wanted = name.trim().toLowerCase();
    const found = this.#formats.get(wanted === 'md' ? 'markdown' : wanted);
    if (found) return found;
    throw new UserError('NOT_FOUND', `There is no export format "${name}". Formats: ${this.names().join(', ')}.`, {
      field: 'format',
      value: name,
      valid: this.names(),
    });
  }
}

/** The file of a format asked for by name (the first when none is), or an error naming the format's files. */
export function pickFile(format: ExportFormat, outline: DigestOutline, name?: string): ExportFile {
  const files = format.files(outline);
  if (files.length === 0) {
    throw new UserError(
      'NOT_FOUND',
      format.name === 'polis'
        ? 'This programme has no agree/disagree (statements) questions, so there is nothing to export in Pol.is format.'
        : `The ${format.name} export has no files for this programme.`,
      { field: 'file', value: name ?? null, valid: [] },
    );
  }
  if (!name) return files[0] as ExportFile;
  const found = files.find(
    (f) =>
      f.name === name || (f.name.endsWith(`/${name}`) && files.filter((g) => g.name.endsWith(`/${name}`)).length === 1),
  );
  if (found) return found;
  const valid = files.map((f) => f.name);
  throw new UserError('NOT_FOUND', `The ${format.name} export has no file "${name}". Files: ${valid.join(', ')}.`, {
    field: 'file',
    value: name,
    valid,
  });
}

/** Collects a rendered file into memory, for chat replies and small HTTP responses. */
export async function collect(chunks: AsyncIterable<ExportChunk>): Promise<Uint8Array> {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) parts.push(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
