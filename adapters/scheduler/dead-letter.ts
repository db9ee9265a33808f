import type { CoreDeps } from '../../src/core/consultation/deps.ts';
import type { JobRecord } from '../../src/core/records.ts';

/** Chat text from arbitrary text: no markup, no mass mentions. */
function plain(text: string, max = 300): string {
  const flat = text.replace(/[<>]/g, '').replace(/@/g, '@\u200b').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** What a job was for, in an organiser's words. */
export function describeJob(job: JobRecord): string {
  const question = typeof job.payload.questionKey === 'string' ? `"${job.payload.questionKey}"` : 'a question';
  switch (job.kind) {
    case 'open':
      return `post question ${question}`;
    case 'remind':
      return `send reminder ${String(job.payload.n ?? 1)} for question ${question}`;
    case 'close':
      return `close question ${question}`;
    case 'digest':
      return `send the weekly digest for ${String(job.payload.week ?? 'this week')}`;
    case 'digest-email':
      return `e-mail the ${String(job.payload.week ?? 'weekly')} digest to ${String(job.payload.to ?? 'a reader')}`;
    case 'purge':
      return 'remove responses, votes and audit details older than the retention period';
    default:
      return `run the ${job.kind} job`;
  }
}

/**
 * Tells a programme's organisers, in the channels mapped to its `organisers_channel`, that a job has failed for the
 * last time. Jobs of no programme, or of a programme without an organisers' channel, are only logged (by the caller).
 */
export async function reportDeadJob(deps: CoreDeps, job: JobRecord, error: string): Promise<number> {
  const { store, logger } = deps;
  const programmeId = typeof job.payload.programmeId === 'string' ? job.payload.programmeId : null;
  const programme = programmeId ? await store.programmes.findById(programmeId) : null;
  if (!programme?.organiserChannel) {
    logger.warn({ job: job.key }, 'a job is dead and there is no organisers channel to tell');
    return 0;
  }
  const text =
    `Agora could not ${describeJob(job)} (${programme.title}) after ${job.attempts} attempts and has stopped trying. ` +
    `Last error: ${plain(error)}. An operator can see it with \`agora jobs list --status dead\`.`;
  let told = 0;
  const targets = (await store.channels.targets(programme.id)).filter(
    (t) => t.placeholder === programme.organiserChannel,
  );
  for (const target of targets) {
    const platform = deps.platforms.get(target.platform);
    if (!platform) continue;
    try {
      await platform.postMessage(target, text);
      told++;
    } catch (postError) {
      logger.error({ err: postError, job: job.key, channel: target.channelId }, 'could not tell organisers');
    }
  }
  if (told === 0) logger.warn({ job: job.key }, 'a job is dead and no organisers channel could be told');
  return told;
}
