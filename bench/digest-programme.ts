import cron from 'node-cron';
import type { ProgrammeDefinition } from '../src/core/programme/definition.ts';
import { validateProgramme } from '../src/core/programme/validate-programme.ts';

/** The benchmark's programme: 20 questions of every kind, posted to two Slack channels and one Discord channel. */

export const BENCH_SLUG = 'bench-digest';
export const BENCH_WEEK = '2026-W49';

const STATEMENTS = Array.from(
  { length: 40 },
  (_, i) => `Statement ${i + 1}: schools should have more say over topic ${i + 1}`,
);
const OPTIONS = ['Marking', 'Planning', 'Data entry', 'Meetings', 'Cover', 'Reports'];

function question(i: number): Record<string, unknown> {
  const id = `q${String(i + 1).padStart(2, '0')}`;
  const base = { id, opens: '2026-10-26 09:00', closes: '2026-12-20 17:00' };
  if (i < 8)
    return {
      ...base,
      kind: 'open',
      prompt: `Open question ${i + 1}: what would most improve your working week?`,
      ...(i === 7 ? { anonymity: 'anonymous' } : i === 6 ? { anonymity: 'pseudonymous' } : {}),
    };
  if (i < 11) return { ...base, kind: 'single_choice', prompt: `Single choice ${i + 1}`, options: OPTIONS.slice(0, 4) };
  if (i < 13)
    return { ...base, kind: 'multi_choice', prompt: `Multiple choice ${i + 1}`, options: OPTIONS, max_choices: 3 };
  if (i < 15) return { ...base, kind: 'ranked', prompt: `Rank these ${i + 1}`, options: OPTIONS.slice(0, 5) };
  if (i < 17)
    return {
      ...base,
      kind: 'likert',
      prompt: `How well do we do this today? (${i + 1})`,
      items: ['Clear goals', 'Good data', 'Fair workload', 'Useful training', 'Time to plan'],
      ...(i === 16 ? { anonymity: 'anonymous' } : {}),
    };
  return {
    ...base,
    kind: 'statements',
    prompt: `Agree or disagree? (${i + 1})`,
    statements: STATEMENTS,
    ...(i === 19 ? { anonymity: 'pseudonymous' } : {}),
  };
}

export function benchProgramme(): ProgrammeDefinition {
  const file = {
    slug: BENCH_SLUG,
    title: 'Digest benchmark',
    timezone: 'Europe/London',
    channels: { staffroom: 'Staff consultation', organisers: 'Organisers only' },
    organisers_channel: 'organisers',
    sections: [
      { id: 'open', title: 'In your words', questions: Array.from({ length: 8 }, (_, i) => question(i)) },
      { id: 'polls', title: 'Polls', questions: Array.from({ length: 12 }, (_, i) => question(i + 8)) },
    ],
  };
  const result = validateProgramme(file, { isValidCron: (e) => cron.validate(e) });
  if (!result.ok) throw new Error(`benchmark programme invalid: ${JSON.stringify(result.problems)}`);
  return result.programme;
}

export const BENCH_CHANNELS = {
  staffroom: [
    { platform: 'slack' as const, workspaceId: 'T0BENCH', channelId: 'C0STAFF1' },
    { platform: 'slack' as const, workspaceId: 'T0BENCH', channelId: 'C0STAFF2' },
    { platform: 'discord' as const, workspaceId: '900000000000000001', channelId: '900000000000000002' },
  ],
  organisers: [{ platform: 'slack' as const, workspaceId: 'T0BENCH', channelId: 'C0ORG' }],
};
