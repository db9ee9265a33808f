import { isAgoraError } from '../errors.ts';
import { organiserChannels } from '../statements/organiser-channels.ts';
import type { ChannelAddress } from '../types.ts';
import type { CoreDeps } from './deps.ts';

/**
 * A platform's refusal that only someone with rights in the channel can fix (Agora was never let in, or not let
 * write). Platforms report it in a PLATFORM_ERROR's `details.access`; the core tells the organisers.
 */
export interface AccessRefusal {
  /** The channel as the platform names it to people ("#staff (C0456)", "<#1100…>"). */
  where: string;
  /** What to do about it, in the platform's own words ("invite @Agora there"). */
  advice: string;
}

export function accessRefusal(error: unknown): AccessRefusal | undefined {
  if (!isAgoraError(error) || error.code !== 'PLATFORM_ERROR') return undefined;
  const access = error.details.access as Partial<AccessRefusal> | undefined;
  return typeof access?.where === 'string' && typeof access.advice === 'string'
    ? { where: access.where, advice: access.advice }
    : undefined;
}

/** The notice, worded by the core and the same on every platform. */
export function accessNotice(action: string, prompt: string, refusal: AccessRefusal): string {
  return `Agora could not ${action} "${prompt}" in ${refusal.where}. ${refusal.advice}`;
}

/**
 * Tells the programme's organisers' channels (every platform but the refusing channel itself) that a question
 * could not be shown; true when the error was such a refusal. Never fails: a notice that cannot go is logged.
 */
export async function tellOrganisersOfRefusal(
  deps: CoreDeps,
  input: { programmeId: string; prompt: string; action: string; refused: ChannelAddress | null; error: unknown },
): Promise<boolean> {
  const refusal = accessRefusal(input.error);
  if (!refusal) return false;
  const programme = await deps.store.programmes.findById(input.programmeId).catch(() => null);
  if (!programme) return true;
  const text = accessNotice(input.action, input.prompt, refusal);
  for (const target of await organiserChannels(deps.store, programme)) {
    const refused = input.refused;
    if (refused && target.platform === refused.platform && target.channelId === refused.channelId) continue;
    const platform = deps.platforms.get(target.platform);
    if (!platform) continue;
    try {
      await platform.postMessage(target, text);
    } catch (error) {
      deps.logger.warn({ err: error, channel: target.channelId }, "could not tell the organisers' channel");
    }
  }
  return true;
}
