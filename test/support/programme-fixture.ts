import cron from 'node-cron';
import type { ProgrammeDefinition } from '../../src/core/programme/definition.ts';
import { validateProgramme } from '../../src/core/programme/validate-programme.ts';

/** A small programme with one question of each kind, as an organiser would write it. */
export function programmeFile(overrides: Record<string, unknown> = {}) {
  return {
    slug: 'staff-voice',
    title: 'Staff voice',
    timezone: 'Europe/London',
    channels: { staffroom: 'Staff consultation', organisers: 'Organisers only' },
    organisers_channel: 'organisers',
    sections: [
      {
        id: 'workload',
        title: 'Workload',
        questions: [
          {
            id: 'q-open',
            kind: 'open',
            prompt: 'What would most reduce your workload?',
            opens: '2026-12-01 09:00',
            closes: '2026-12-14 17:00',
            reminders: ['2026-12-10 09:00'],
          },
          {
            id: 'q-single',
            kind: 'single_choice',
            prompt: 'Is marking policy clear?',
            options: ['Yes', 'No', 'Unsure'],
            opens: '2026-12-01 09:00',
            closes: '2026-12-14 17:00',
          },
          {
            id: 'q-multi',
            kind: 'multi_choice',
            prompt: 'Which tasks take longest?',
            options: ['Marking', 'Planning', 'Data entry', 'Meetings'],
            max_choices: 2,
          },
          { id: 'q-ranked', kind: 'ranked', prompt: 'Rank these priorities', options: ['Pay', 'Time', 'Training'] },
          {
            id: 'q-likert',
            kind: 'likert',
            prompt: 'How well do we do this today?',
            items: ['Clear goals', 'Good data'],
            anonymity: 'anonymous',
            results: 'on_close',
          },
          {
            id: 'q-statements',
            kind: 'statements',
            prompt: 'Agree or disagree?',
            statements: ['Marking takes too long', 'Meetings are useful'],
            anonymity: 'pseudonymous',
          },
        ],
      },
    ],
    ...overrides,
  };
}

export function programmeDefinition(overrides: Record<string, unknown> = {}): ProgrammeDefinition {
  const result = validateProgramme(programmeFile(overrides), { isValidCron: (e) => cron.validate(e) });
  if (!result.ok) throw new Error(`fixture invalid: ${JSON.stringify(result.problems)}`);
  return result.programme;
}

export const SLACK_STAFFROOM = { platform: 'slack' as const, workspaceId: 'T1', channelId: 'C_STAFF' };
export const SLACK_ORGANISERS = { platform: 'slack' as const, workspaceId: 'T1', channelId: 'C_ORG' };

export const slackDirectory = (placeholder: string) =>
  placeholder === 'staffroom' ? [SLACK_STAFFROOM] : placeholder === 'organisers' ? [SLACK_ORGANISERS] : [];
