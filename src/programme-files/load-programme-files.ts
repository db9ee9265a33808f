import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { type ChannelDirectory, loadProgramme } from '../core/consultation/load-programme.ts';
import type { ProgrammeChanges, Store } from '../core/ports/store.ts';
import { type LocatedProblem, readProgrammeFile } from './read-programme-file.ts';

export interface FileLoadResult {
  file: string;
  slug?: string;
  changes?: ProgrammeChanges;
  problems?: LocatedProblem[];
  error?: string;
}

export async function programmeFilesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  return entries
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Validates and loads one programme file; nothing is loaded when any problem is found. */
export async function loadProgrammeFile(
  store: Store,
  file: string,
  directory: ChannelDirectory,
  options: { archive?: boolean } = {},
): Promise<FileLoadResult> {
  const read = await readProgrammeFile(file);
  if (!read.ok) return { file, problems: read.problems };
  const hash = createHash('sha256').update(read.source).digest('hex');
  try {
    const changes = await loadProgramme(store, read.programme, hash, { directory, archive: options.archive ?? false });
    return { file, slug: read.programme.slug, changes };
  } catch (error) {
    return { file, slug: read.programme.slug, error: (error as Error).message };
  }
}

export async function loadProgrammeDirectory(
  store: Store,
  dir: string,
  directory: ChannelDirectory,
): Promise<FileLoadResult[]> {
  const results: FileLoadResult[] = [];
  for (const file of await programmeFilesIn(dir)) results.push(await loadProgrammeFile(store, file, directory));
  return results;
}
