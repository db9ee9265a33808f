import { expect, it } from 'vitest';
import type { RosterEntry, Store } from '../../src/core/ports/store.ts';
import type { ProgrammeRecord } from '../../src/core/records.ts';

/** Store cases for digest readers' opt-outs and the membership roster, part of the shared store suite. */
export function readersAndRosterCases(store: () => Store, loaded: () => Promise<{ programme: ProgrammeRecord }>): void {
  it('keeps one opt-out per programme and address, whatever its case', async () => {
    const { programme } = await loaded();
    const at = new Date(Date.UTC(2026, 11, 2));
    expect(await store().emailOptOuts.add(programme.id, 'Reader@Example.org', at)).toBe(true);
    expect(await store().emailOptOuts.add(programme.id, 'reader@example.org', at)).toBe(false);
    expect(await store().emailOptOuts.has(programme.id, 'READER@example.org')).toBe(true);
    expect(await store().emailOptOuts.has(programme.id, 'other@example.org')).toBe(false);
    expect(await store().emailOptOuts.list(programme.id)).toEqual(['reader@example.org']);
  });

  const member = (key: string, region: string, extra: Partial<RosterEntry> = {}): RosterEntry => ({
    memberKey: key,
    displayName: `Member ${key}`,
    email: `${key}@example.org`,
    platformIds: [`slack:U${key}`],
    attributes: { region },
    ...extra,
  });

  it('imports a roster, updates it in place, keeps the missing as removed and every earlier version', async () => {
    const { programme } = await loaded();
    const day = (d: number) => new Date(Date.UTC(2026, 11, d));
    const first = await store().roster.import(programme.id, [member('1', 'North'), member('2', 'South')], day(1));
    expect(first).toEqual({ added: 2, updated: 0, unchanged: 0, removed: 0, restored: 0 });
    const second = await store().roster.import(
      programme.id,
      [member('1', 'East', { platformIds: ['slack:U1', 'discord:71'] }), member('3', 'North')],
      day(2),
    );
    expect(second).toEqual({ added: 1, updated: 1, unchanged: 0, removed: 1, restored: 0 });
    const current = await store().roster.list(programme.id);
    expect(current.map((m) => m.memberKey)).toEqual(['1', '3']);
    const one = current[0];
    expect(one?.attributes).toEqual({ region: 'East' });
    expect(one?.platformIds).toEqual(['slack:U1', 'discord:71']);
    expect(one?.history).toEqual([
      expect.objectContaining({ attributes: { region: 'North' }, removedAt: null, replacedAt: day(2).toISOString() }),
    ]);
    const all = await store().roster.list(programme.id, { includeRemoved: true });
    expect(all.find((m) => m.memberKey === '2')?.removedAt).toEqual(day(2));
    const third = await store().roster.import(
      programme.id,
      [member('1', 'East', { platformIds: ['slack:U1', 'discord:71'] }), member('2', 'South'), member('3', 'North')],
      day(3),
    );
    expect(third).toEqual({ added: 0, updated: 0, unchanged: 2, removed: 0, restored: 1 });
    const back = (await store().roster.list(programme.id)).find((m) => m.memberKey === '2');
    expect(back?.removedAt).toBeNull();
    expect(back?.history.map((v) => v.removedAt)).toEqual([null, day(2).toISOString()]);
  });

  it('forgets the roster entries linked to a platform id, in every programme', async () => {
    const { programme } = await loaded();
    const at = new Date(Date.UTC(2026, 11, 1));
    await store().roster.import(programme.id, [member('1', 'North'), member('2', 'South')], at);
    expect(await store().roster.forget(['slack:U2', 'discord:none'])).toBe(1);
    expect((await store().roster.list(programme.id, { includeRemoved: true })).map((m) => m.memberKey)).toEqual(['1']);
    expect(await store().roster.forget([])).toBe(0);
  });
}
