import { buildDigest, buildOutline, type DigestDeps, type DigestOptions, findProgramme } from './build-digest.ts';
import {
  type ExportChunk,
  type ExportFile,
  type ExportFormat,
  type ExportFormats,
  pickFile,
} from './export-formats.ts';
import { createExportSource, type ExportSource } from './export-source.ts';
import { messageLinks } from './message-links.ts';
import type { DigestModel, DigestOutline } from './model.ts';

/** What the CLI, chat commands and the HTTP API share: find the programme, week and format, build, render. */

export interface ExportRequest {
  /** Slug (or id) of the programme. */
  programme: string;
  /** ISO week, e.g. 2026-W48; the current week when left out. */
  week?: string;
  format: string;
  /** One file of a several-file format, e.g. votes.csv. */
  file?: string;
}

export interface PreparedExport {
  outline: DigestOutline;
  /** The digest with its counts, for formats that show them; null for raw exports. */
  model: DigestModel | null;
  format: ExportFormat;
  files: ExportFile[];
  source: ExportSource;
}

export interface ExportOptions extends DigestOptions {
  /** Rows streamed so far, for progress lines on long exports. */
  onProgress?: (rows: number) => void;
}

/**
 * Checks programme, format, week and file (in that order, each error naming the valid values), then builds the
 * digest, if the format shows it: raw exports (csv, polis) only stream rows, so nothing is counted up front.
 */
export async function prepareExport(
  deps: DigestDeps,
  formats: ExportFormats,
  request: ExportRequest,
  options: ExportOptions = {},
): Promise<PreparedExport> {
  const programme = await findProgramme(deps.store, request.programme);
  const format = formats.get(request.format);
  const outline = await buildOutline(deps, programme.id, request.week);
  const files = request.file ? [pickFile(format, outline, request.file)] : format.files(outline);
  if (files.length === 0) pickFile(format, outline);
  const model = format.needs === 'digest' ? await buildDigest(deps, programme.id, outline.week.label, options) : null;
  const links = messageLinks(deps.store, deps.platforms);
  const source = await createExportSource(deps.store, model ?? outline, model, options.onProgress, links);
  return { outline: model ?? outline, model, format, files, source };
}

export interface SingleExport {
  name: string;
  mediaType: string;
  chunks: AsyncIterable<ExportChunk>;
}

/** One file of an export: the one asked for, or the format's first. */
export async function exportOne(
  deps: DigestDeps,
  formats: ExportFormats,
  request: ExportRequest,
  options: ExportOptions = {},
): Promise<SingleExport> {
  const prepared = await prepareExport(deps, formats, request, options);
  const file = prepared.files[0] as ExportFile;
  const { programme, week } = prepared.outline;
  return {
    // A file sent on its own says which programme and week it belongs to.
    name: file.name.startsWith('digest-')
      ? file.name
      : `${programme.slug}-${week.label}-${file.name.replace('/', '-')}`,
    mediaType: file.mediaType,
    chunks: file.render(prepared.source),
  };
}
