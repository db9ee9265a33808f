import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/core/commands/command-registry.ts';
import { createCommandRegistry } from '../../src/core/commands/default-commands.ts';
import { digestFixture } from '../support/digest-fixture.ts';

describe('erasure of a person on the membership roster', { timeout: 120_000 }, () => {
  let f: Awaited<ReturnType<typeof digestFixture>>;
  beforeAll(async () => {
    f = await digestFixture();
  }, 120_000);
  afterAll(async () => f?.close());

  it('removes their roster entry, and its history, when they delete their data', async () => {
    const entry = (key: string, slack: string) => ({
      memberKey: key,
      displayName: `Member ${key}`,
      email: `${key}@example.org`,
      platformIds: [`slack:${slack}`],
      attributes: { region: 'North' },
    });
    // m5 was U05 on an earlier import and is now listed with another id: the history still links them.
    await f.store.roster.import(
      f.programme.id,
      [entry('m1', 'U01'), entry('m5', 'U05'), entry('m9', 'U05')],
      f.clock.now(),
    );
    await f.store.roster.import(f.programme.id, [entry('m1', 'U01'), entry('m5', 'U50')], f.clock.now());
    const registry = createCommandRegistry(null);
    const done = await runCommand(f.deps, registry, {
      actor: { platform: 'slack', platformUserId: 'U05', displayName: 'Eilidh MacLeod' },
      actorIsOrganiser: false,
      text: 'mydata delete confirm',
      channel: null,
      invocationId: 'i-erase',
    });
    expect(done.text).toMatch(/erased/);
    const left = await f.store.roster.list(f.programme.id, { includeRemoved: true });
    expect(left.map((m) => m.memberKey)).toEqual(['m1']);
    expect(JSON.stringify(left)).not.toContain('U05');
    const audit = (await f.store.audit.list(null, 100)).find((a) => a.action === 'participant.data_erased');
    expect(audit?.detail).toMatchObject({ rosterEntries: 2 });
  });
});
