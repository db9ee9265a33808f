import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { type ChannelDirectory, loadProgramme } from '../../src/core/consultation/load-programme.ts';
import type { ProgrammeChanges, Store } from '../../src/core/ports/store.ts';
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

/**
 * Loads every programme file of a folder, each on its own: a file that cannot be read or loaded is reported in its
 * result and skipped, so that one bad file never stops the others (or the server starting).
 */
export async function loadProgrammeDirectory(
  store: Store,
  dir: string,
  directory: ChannelDirectory,
): Promise<FileLoadResult[]> {
  let files: string[];
  try {
    files = await programmeFilesIn(dir);
  } catch (error) {
    return [{ file: dir, error: `the programme folder could not be read: ${(error as Error).message}` }];
  }
  const results: FileLoadResult[] = [];
  for (const file of files) {
    results.push(
      await loadProgrammeFile(store, file, directory).catch(
        (error: unknown): FileLoadResult => ({ file, error: (error as Error).message }),
      ),
    );
  }
  return results;
}
