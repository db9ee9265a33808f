import type { CoreDeps } from '../../src/core/consultation/deps.ts';
import type { ChannelAddress } from '../../src/core/types.ts';

/**
 * The Discord channels where a question's organisers read notices: the programme's `organisers_channel` as mapped
 * to Discord, leaving out `except` (the channel that is failing).
 */
export async function organiserChannelsFor(
  deps: CoreDeps,
  questionId: string,
  except?: ChannelAddress,
): Promise<ChannelAddress[]> {
  const question = await deps.store.questions.findById(questionId);
  if (!question) return [];
  const programme = await deps.store.programmes.findById(question.programmeId);
  if (!programme?.organiserChannel) return [];
  const targets = await deps.store.channels.targets(programme.id);
  return targets
    .filter((t) => t.platform === 'discord' && t.placeholder === programme.organiserChannel)
    .filter((t) => !except || t.channelId !== except.channelId || t.workspaceId !== except.workspaceId)
    .map((t) => ({ platform: 'discord' as const, workspaceId: t.workspaceId, channelId: t.channelId }));
}
