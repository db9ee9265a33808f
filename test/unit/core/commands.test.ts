import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommand } from '../../../src/core/commands/command-registry.ts';
import { createCommandRegistry } from '../../../src/core/commands/default-commands.ts';
import { openQuestion } from '../../../src/core/consultation/open-question.ts';
import { recordResponse } from '../../../src/core/consultation/record-response.ts';
import { coreHarness } from '../../support/core-harness.ts';
import { programmeFile } from '../../support/programme-fixture.ts';

describe('/agora commands', () => {
  let h: Awaited<ReturnType<typeof coreHarness>>;
  const registry = createCommandRegistry(null);
  beforeEach(async () => {
    h = await coreHarness();
  });
  afterEach(async () => h.close());

  const run = (text: string, user = 'U1', organiser = false) =>
    runCommand(h.deps, registry, {
      actor: h.person(user),
      actorIsOrganiser: organiser,
      text,
      channel: null,
      invocationId: `i-${text}`,
    });

  it('answers help, listing organiser commands only to organisers', async () => {
    const participant = await run('help');
    expect(participant.text).toContain('/agora status');
    expect(participant.text).not.toContain('/agora open');
    expect((await run('help', 'U9', true)).text).toContain('/agora open');
  });

  it('marks every command in help as code, so chat shows it as code and plain text drops the marks cleanly', async () => {
    const lines = (await run('help', 'U9', true)).text.split('\n').filter((l) => l.startsWith('•'));
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) {
      expect(line).toMatch(/^• `\/agora [^`]+`: /);
      expect((line.match(/`/g) ?? []).length % 2).toBe(0);
    }
  });

  it('cuts a long prompt in status at a word, with an ellipsis', async () => {
    const prompt = `What would most reduce your workload ${'this coming term and beyond '.repeat(6)}?`;
    const [section] = programmeFile().sections;
    await h.close();
    h = await coreHarness({
      sections: [{ ...section, questions: section?.questions.map((q) => (q.id === 'q-open' ? { ...q, prompt } : q)) }],
    });
    await openQuestion(h.deps, h.question('q-open').id);
    const line = (await run('status')).text.split('\n').find((l) => l.includes('q-open')) ?? '';
    const shown = line.slice(line.indexOf('q-open: ') + 'q-open: '.length).split('…')[0] ?? '';
    expect(line).toContain('…');
    expect(prompt.startsWith(shown)).toBe(true);
    expect(prompt[shown.length]).toBe(' ');
  });

  it('refuses an organiser command to a participant, politely', async () => {
    await expect(run('close staff-voice/q-open')).rejects.toMatchObject({
      code: 'NOT_ORGANISER',
      message: expect.stringContaining('Sorry'),
    });
  });

  it('answers an unknown command with a pointer to help', async () => {
    await expect(run('frobnicate')).rejects.toMatchObject({
      code: 'UNKNOWN_COMMAND',
      message: expect.stringContaining('/agora help'),
    });
  });

  it('opens a question for an organiser and records it in the audit log', async () => {
    const reply = await run('open staff-voice/q-open', 'U9', true);
    expect(reply.text).toContain('posted to 1 channel');
    expect((await h.store.audit.list(null)).map((a) => a.action)).toContain('command.open');
  });

  it('shows status, and sends a person their data as a file, then deletes it on confirmation', async () => {
    const q = h.question('q-open');
    await openQuestion(h.deps, q.id);
    const thread = h.platform.posted[0]?.ref.threadRef as string;
    await recordResponse(h.deps, {
      platform: 'slack',
      containerRef: thread,
      messageRef: 'slack:T1:C_STAFF:5.1',
      author: h.person('U1'),
      body: 'Mine',
      replyToRef: null,
      attachments: [],
      idempotencyKey: 'k5',
      at: h.clock.now(),
    });
    expect((await run('status')).text).toContain('✓ answered: staff-voice/q-open');
    const data = await run('mydata');
    expect(JSON.parse(String(data.file?.content)).responses[0].answer).toBe('Mine');
    expect((await run('mydata delete')).text).toContain('/agora mydata delete confirm');
    expect(
      await h.store.responses.listByParticipant((await h.store.participants.find('slack', 'U1'))?.id as string),
    ).toHaveLength(1);
    expect((await run('mydata delete confirm')).text).toContain('erased 1 response, 0 votes');
  });

  it('lets anyone turn their reminders off', async () => {
    await run('remind off');
    expect((await h.store.participants.find('slack', 'U1'))?.remindersOff).toBe(true);
  });
});
