import type { CoreDeps } from '../consultation/deps.ts';
import { AgoraError } from '../errors.ts';
import { channelKey } from '../types.ts';
import { buildDigest, type DigestOptions, findProgramme } from './build-digest.ts';
import { htmlFormat } from './export-formats.ts';
import { safeChatText } from './format-escaping.ts';
import type { DigestModel } from './model.ts';
import { renderChatSummary } from './render-chat-summary.ts';
import { renderHtml } from './render-html.ts';

export interface DigestDelivery {
  model: DigestModel;
  /** Channels (platform:workspace/channel) the summary reached. */
  posted: string[];
  /** Channels the HTML file reached (platforms without file upload get the summary only). */
  filesPosted: string[];
  failed: { channel: string; error: string }[];
  /** Why nothing was sent, when the programme has no organisers' channel mapped. */
  undelivered: string | null;
}

/**
 * Builds a programme's digest for an ISO week, keeps it in the Digest table (the next digest compares with it),
 * and posts a short summary, with the HTML digest as a file where the platform takes files, to the programme's
 * organisers' channel. Throws (so a scheduled job retries) only when every organisers' channel failed.
 */
export async function deliverDigest(
  deps: CoreDeps,
  programmeId: string,
  week: string,
  options: DigestOptions = {},
): Promise<DigestDelivery> {
  const { store, logger } = deps;
  const programme = await findProgramme(store, programmeId);
  const model = await buildDigest(deps, programme.id, week, options);
  await store.digests.save(programme.id, model.week.label, model);
  const outcome: DigestDelivery = { model, posted: [], filesPosted: [], failed: [], undelivered: null };
  const placeholder = programme.organiserChannel;
  const targets = placeholder
    ? (await store.channels.targets(programme.id)).filter((t) => t.placeholder === placeholder)
    : [];
  if (targets.length === 0) {
    outcome.undelivered = placeholder
      ? `the organisers' channel "${placeholder}" is not mapped to any chat channel (CHANNEL_MAP)`
      : 'the programme names no organisers_channel';
    logger.warn(
      { programme: programme.slug, week: model.week.label, why: outcome.undelivered },
      'digest kept, not posted',
    );
    return outcome;
  }
  const [file] = htmlFormat.files(model);
  const fileName = file?.name ?? 'digest.html';
  const html = renderHtml(model);
  for (const target of targets) {
    const label = channelKey(target);
    const platform = deps.platforms.get(target.platform);
    if (!platform) {
      outcome.failed.push({ channel: label, error: `the ${target.platform} adapter is not connected` });
      continue;
    }
    const canUpload = Boolean(platform.postFile) && platform.capabilities.fileUpload;
    try {
      await platform.postMessage(target, safeChatText(renderChatSummary(model, canUpload ? fileName : null)));
      outcome.posted.push(label);
    } catch (error) {
      logger.error({ err: error, programme: programme.slug, channel: label }, 'posting the digest summary failed');
      outcome.failed.push({ channel: label, error: (error as Error).message });
      continue;
    }
    if (!canUpload || !platform.postFile) continue;
    try {
      await platform.postFile(target, {
        name: fileName,
        title: `${programme.title}: weekly digest, ${model.week.label}`,
        content: html,
      });
      outcome.filesPosted.push(label);
    } catch (error) {
      logger.error({ err: error, programme: programme.slug, channel: label }, 'uploading the digest file failed');
      outcome.failed.push({ channel: label, error: `file upload: ${(error as Error).message}` });
    }
  }
  if (outcome.posted.length === 0) {
    throw new AgoraError(
      'PLATFORM_ERROR',
      `The ${model.week.label} digest of ${programme.slug} could not be posted: ${outcome.failed.map((f) => `${f.channel} (${f.error})`).join(', ')}`,
      { failed: outcome.failed },
    );
  }
  return outcome;
}
