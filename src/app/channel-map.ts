import type { ChannelDirectory } from '../core/consultation/load-programme.ts';
import { type ChannelAddress, parseChannelKey } from '../core/types.ts';

/**
 * CHANNEL_MAP maps programme placeholders to real channels:
 * `staffroom=slack:T0123/C0456,discord:111/222;debate=discord:111/333`.
 * With the sandbox on, a placeholder also gets its sandbox page `web:sandbox/<placeholder>`.
 */
export function parseChannelMap(text: string): { map: Map<string, ChannelAddress[]>; problems: string[] } {
  const map = new Map<string, ChannelAddress[]>();
  const problems: string[] = [];
  for (const entry of text
    .split(';')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const [placeholder, targets] = entry.split('=').map((p) => p.trim());
    if (!placeholder || !targets) {
      problems.push(`"${entry}" should look like placeholder=slack:TEAM/CHANNEL`);
      continue;
    }
    for (const target of targets.split(',')) {
      const address = parseChannelKey(target);
      if (!address)
        problems.push(`"${target}" (for ${placeholder}) should look like slack:T0123/C0456 or discord:GUILD/CHANNEL`);
      else map.set(placeholder, [...(map.get(placeholder) ?? []), address]);
    }
  }
  return { map, problems };
}

export function channelDirectory(map: Map<string, ChannelAddress[]>, sandbox: boolean): ChannelDirectory {
  return (placeholder) => [
    ...(map.get(placeholder) ?? []),
    ...(sandbox ? [{ platform: 'web' as const, workspaceId: 'sandbox', channelId: placeholder }] : []),
  ];
}
