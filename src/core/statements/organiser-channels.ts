import type { Store } from '../ports/store.ts';
import type { ChannelTargetRecord, ProgrammeRecord } from '../records.ts';

/** The chat channels the programme's `organisers_channel` is mapped to (none when it names none). */
export async function organiserChannels(store: Store, programme: ProgrammeRecord): Promise<ChannelTargetRecord[]> {
  const placeholder = programme.organiserChannel;
  if (!placeholder) return [];
  return (await store.channels.targets(programme.id)).filter((t) => t.placeholder === placeholder);
}
