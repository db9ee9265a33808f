import { expect, it } from 'vitest';
import type { Store } from '../../src/core/ports/store.ts';
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
}
