import { UserError } from '../errors.ts';
import type { ProgrammeChanges, ResolvedTarget, Store } from '../ports/store.ts';
import type { ProgrammeDefinition } from '../programme/definition.ts';
import type { ChannelAddress } from '../types.ts';
import { plural } from '../wording.ts';

/** Maps a programme's channel placeholder to the real channels configured for it (none when unmapped). */
export type ChannelDirectory = (placeholder: string) => ChannelAddress[];

export interface LoadOptions {
  directory: ChannelDirectory;
  /** Allow removing questions that already have responses; they are archived with their responses. */
  archive?: boolean;
}

/**
 * Loads or updates a programme by slug. Reloading the same file changes nothing; an edited file updates questions
 * in place, keeping their responses; a removed question with responses is refused unless archiving is asked for.
 */
export async function loadProgramme(
  store: Store,
  definition: ProgrammeDefinition,
  sourceHash: string,
  options: LoadOptions,
): Promise<ProgrammeChanges> {
  const existing = await store.programmes.findBySlug(definition.slug);
  if (existing && !options.archive) {
    const kept = new Set(definition.questions.map((q) => q.key));
    const current = await store.questions.listByProgramme(existing.id);
    for (const question of current) {
      if (kept.has(question.key)) continue;
      const responses = await store.questions.countResponses(question.id);
      if (responses > 0) {
        throw new UserError(
          'QUESTION_HAS_RESPONSES',
          `Question "${question.key}" has ${plural(responses, 'response')} and is missing from the file. Put it back, or load with --archive to archive it with its responses.`,
          { question: question.key, responses },
        );
      }
    }
  }
  const targets: ResolvedTarget[] = definition.channels.flatMap(({ placeholder }) =>
    options.directory(placeholder).map((address) => ({ ...address, placeholder })),
  );
  return store.programmes.save(definition, sourceHash, targets);
}
