import { describe, expect, it } from 'vitest';
import { PlatformRegistry } from '../../../src/core/consultation/deps.ts';
import { InProcessPlatform } from '../../fakes/in-process-platform.ts';

class FailingLinks extends InProcessPlatform {
  override async permalink(): Promise<string | null> {
    throw new Error('the platform is down');
  }
}

describe('message links come from the platform that made the message', () => {
  const registry = new PlatformRegistry();
  registry.register(new InProcessPlatform('slack'));
  registry.register(new FailingLinks('discord'));

  it('asks the owning platform, with the thread the message was written in', async () => {
    expect(registry.owning('slack:T1:C1:2')?.platform).toBe('slack');
    expect(await registry.permalink('slack:T1:C1:2', 'slack:T1:C1:1')).toBe('https://slack.example/T1/C1/2?thread=1');
    expect(await registry.permalink('slack:T1:C1:1', 'slack:T1:C1:1')).toBe('https://slack.example/T1/C1/1');
  });

  it('gives no link for a platform that is not connected, a missing reference, or a platform that fails', async () => {
    expect(registry.owning('web:sandbox:staffroom:abcdefgh12')).toBeUndefined();
    expect(await registry.permalink('web:sandbox:staffroom:abcdefgh12')).toBeNull();
    expect(await registry.permalink(null)).toBeNull();
    expect(await registry.permalink('discord:1:2:3')).toBeNull();
  });

  it("never hands one platform another platform's thread", async () => {
    expect(await registry.permalink('slack:T1:C1:2', 'discord:1:2')).toBe('https://slack.example/T1/C1/2');
  });
});
