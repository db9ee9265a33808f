import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allExportFormats } from '../../adapters/exports/all-formats.ts';
import { runCommand } from '../../src/core/commands/command-registry.ts';
import { createCommandRegistry } from '../../src/core/commands/default-commands.ts';
import { openQuestion } from '../../src/core/consultation/open-question.ts';
import { collect, type ExportFile } from '../../src/core/digest/export-formats.ts';
import { prepareExport } from '../../src/core/digest/prepare-export.ts';
import { startWebSandbox, WebClient } from '../support/web-driver.ts';

const ANSWERS = [
  'Fewer meetings after school; most meetings could be an email.',
  'Cut the weekly staff meetings, they rarely decide anything.',
  'Shorter meetings and fewer of them, please.',
  'Less written marking: the marking policy asks for feedback in every book.',
  'Drop triple marking; verbal feedback works better than written marking.',
  'Marking every night takes hours; change the feedback policy.',
];

/** In the sandbox, as a person tries it: replies written on the channel page, then the links organisers see. */
describe('sandbox quotes link to the reply on its channel page', () => {
  let sandbox: Awaited<ReturnType<typeof startWebSandbox>>;
  const channelPath = '/sandbox/channels/staffroom';
  /** Reply anchor -> what was written there. */
  const written = new Map<string, string>();

  beforeEach(async () => {
    sandbox = await startWebSandbox();
    const question = await sandbox.question('q-open');
    await openQuestion(sandbox.deps, question.id);
    for (const [n, body] of ANSWERS.entries()) {
      const person = new WebClient(sandbox.base);
      expect((await person.post('/sandbox/identity', { name: `Person ${n}`, back: channelPath })).status).toBe(303);
      const eventId = randomBytes(9).toString('base64url');
      const sent = await person.post(`${channelPath}/questions/${question.id}/replies`, { eventId, body });
      expect(sent.status).toBe(303);
      written.set(`r-${eventId}`, body);
    }
  });
  afterEach(async () => sandbox.stop());

  /** What a link opens: the reply's text on the channel page, found by its anchor. */
  const opened = async (link: string) => {
    const at = /^(\/sandbox\/channels\/[^#]+)#(r-[A-Za-z0-9_-]+)$/.exec(link);
    if (!at) return null;
    const page = await new WebClient(sandbox.base).request(at[1] as string);
    const reply = new RegExp(`<article class="reply" id="${at[2]}"[\\s\\S]*?</article>`).exec(page.text);
    return reply?.[0] ?? null;
  };

  it('links every exported response, and every quote on the dashboard and in /agora positions, to its reply', async () => {
    const prepared = await prepareExport(sandbox.deps, allExportFormats(), {
      programme: 'staff-voice',
      format: 'json',
    });
    const file = prepared.files[0] as ExportFile;
    const document = JSON.parse(new TextDecoder().decode(await collect(file.render(prepared.source))));
    const rows = document.responses as { body: string; link: string | null }[];
    expect(rows).toHaveLength(ANSWERS.length);
    for (const row of rows) {
      expect(row.link).toMatch(/^\/sandbox\/channels\/staffroom#r-/);
      expect(written.get((row.link as string).split('#')[1] as string)).toBe(row.body);
      expect(await opened(row.link as string)).toContain(row.body.split(';')[0]?.replace(/'/g, '&#39;'));
    }

    const dashboard = await new WebClient(sandbox.base).request('/dashboard/programmes/staff-voice');
    const links = [...dashboard.text.matchAll(/<a href="(\/sandbox\/channels\/staffroom#r-[^"]+)"[^>]*>source<\/a>/g)];
    expect(links.length).toBeGreaterThan(0);
    for (const [, link] of links) expect(written.has((link as string).split('#')[1] as string)).toBe(true);

    const reply = await runCommand(sandbox.deps, createCommandRegistry(null), {
      text: 'positions staff-voice/q-open',
      actor: { platform: 'web', platformUserId: 'organiser', displayName: 'Organiser' },
      actorIsOrganiser: true,
      channel: null,
      invocationId: 'positions-web',
    });
    const quoted = [...reply.text.matchAll(/\/sandbox\/channels\/staffroom#(r-[A-Za-z0-9_-]+)/g)];
    expect(quoted.length).toBeGreaterThan(0);
    for (const [, anchor] of quoted) expect(written.has(anchor as string)).toBe(true);
  });
});
