import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allExportFormats } from '../../adapters/exports/all-formats.ts';
import { OFFER_LIFETIME_MS } from '../../adapters/teams/file-offers.ts';
import { UPLOAD_CHUNK_BYTES, uploadBytes } from '../../adapters/teams/file-upload.ts';
import { createCommandRegistry } from '../../src/core/commands/default-commands.ts';
import { registerDigestCommands } from '../../src/core/commands/digest-commands.ts';
import { openQuestion } from '../../src/core/consultation/open-question.ts';
import { eventually } from '../contract/platform-suite.ts';
import { readableText, type StoredMessage } from '../fakes/teams/index.ts';
import { type TeamsDriver, teamsDriver } from '../support/teams-driver.ts';

const CONSENT = 'application/vnd.microsoft.teams.card.file.consent';

let driver: TeamsDriver;

beforeEach(async () => {
  const registry = createCommandRegistry(null);
  registerDigestCommands(registry, allExportFormats());
  driver = await teamsDriver({ registry });
});
afterEach(async () => driver.stop());

const botMessages = (user: string) => driver.fake.personalChat(user).filter((m) => m.from.bot);
const shownSince = (user: string, before: number) => botMessages(user).slice(before).map(readableText);

/** A person's 1:1 chat holds a new file consent card: the card, and how many of Agora's messages came before it. */
async function consentCardFor(user: string, before: number): Promise<StoredMessage> {
  return eventually(async () => {
    const card = botMessages(user)
      .slice(before)
      .find((m) => m.attachments.some((a) => a.contentType === CONSENT));
    if (!card) throw new Error(`${user} was offered no file: ${shownSince(user, before).join(' | ')}`);
    return card;
  });
}

const press = (card: StoredMessage, user: string, title: 'Allow' | 'Decline') =>
  driver.fake.userPresses({ messageId: card.id, user, title });

async function aVoteIsIn() {
  const programme = await driver.deps.store.programmes.findBySlug('staff-voice');
  const q = await driver.deps.store.questions.findByKey(programme?.id as string, 'q-single');
  await openQuestion(driver.deps, q?.id as string);
  await driver.postedQuestion('q-single');
  await driver.userVotes({ questionKey: 'q-single', user: 'alice', choice: ['yes'] });
  await eventually(async () => expect(await driver.deps.store.votes.listByQuestion(q?.id as string)).toHaveLength(1));
}

/** Asks for a file in the 1:1 chat with Agora; resolves with the consent card it is offered with. */
async function askInChat(user: string, text: string) {
  const before = botMessages(user).length;
  const { answer } = await driver.fake.userMessagesBot({ user, text });
  expect(answer.status).toBe(200);
  return { card: await consentCardFor(user, before), before };
}

describe('files in Teams: the consent card, Allow and the upload to OneDrive', () => {
  it('sends an export asked for in the 1:1 chat once the person allows it, whole, as a file card', async () => {
    await aVoteIsIn();
    const { card } = await askInChat('head', 'export csv votes.csv');
    expect(readableText(card)).toMatch(/votes\.csv[\s\S]*\[Allow\][\s\S]*\[Decline\]/);
    expect(readableText(card)).toContain('Press **Allow**');
    const answer = await press(card, 'head', 'Allow');
    expect(answer.status).toBe(200);
    const [file] = driver.fake.driveOf('head');
    expect(file?.name).toMatch(/^staff-voice-\d{4}-W\d{2}-votes\.csv$/);
    const rows = parse(file?.bytes as Buffer, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ question: 'q-single' });
    expect(Object.keys(rows[0] ?? {})).toEqual(expect.arrayContaining(['question', 'participant', 'subject']));
    expect(readableText(botMessages('head').at(-1))).toContain(`File: ${file?.name}`);
  });

  it('answers a command asked in a channel there, and offers the file in the 1:1 chat', async () => {
    await aVoteIsIn();
    const before = botMessages('head').length;
    const staffroom = driver.fake.channelId('staffroom');
    const { message } = await driver.fake.userPosts({
      channel: staffroom,
      user: 'head',
      text: 'export xlsx',
      mentionsBot: true,
    });
    const inThread = driver.fake
      .messagesIn(staffroom)
      .filter((m) => m.rootId === message.id && m.from.bot)
      .map(readableText);
    expect(inThread).toEqual([expect.stringMatching(/in your chat with it: press \*\*Allow\*\* there/)]);
    expect(inThread.join()).not.toMatch(/xlsx/);
    const card = await consentCardFor('head', before);
    expect((await press(card, 'head', 'Allow')).status).toBe(200);
    const [file] = driver.fake.driveOf('head');
    expect(file?.name).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file?.bytes as never);
    expect(workbook.worksheets.map((w) => w.name)).toContain('Summary');
    expect(workbook.worksheets.length).toBeGreaterThan(1);
  });

  it("says in the channel what to do when the file cannot reach the person's chat", async () => {
    const world = driver.fake.world;
    world.refused.add(world.personalChatOf(world.person('head')));
    const staffroom = driver.fake.channelId('staffroom');
    const { message } = await driver.fake.userPosts({
      channel: staffroom,
      user: 'head',
      text: 'digest',
      mentionsBot: true,
    });
    const inThread = driver.fake
      .messagesIn(staffroom)
      .filter((m) => m.rootId === message.id && m.from.bot)
      .map(readableText);
    expect(inThread).toEqual(['Agora could not write to you in a chat. Open Agora from Apps, then ask again.']);
  });

  it('says one clear line when the person declines, and uploads nothing', async () => {
    const { card, before } = await askInChat('alice', 'mydata');
    const shownBefore = botMessages('alice').length;
    expect((await press(card, 'alice', 'Decline')).status).toBe(200);
    expect(shownSince('alice', shownBefore)).toEqual([
      'You declined the file, so Agora has not sent it. Ask Agora for it again whenever you want it.',
    ]);
    expect(driver.fake.driveOf('alice')).toEqual([]);
    expect(botMessages('alice').length - before).toBe(2);
  });

  it('uploads once when Allow arrives twice, and says so the second time', async () => {
    const { card } = await askInChat('alice', 'mydata');
    await press(card, 'alice', 'Allow');
    const shownBefore = botMessages('alice').length;
    expect((await press(card, 'alice', 'Allow')).status).toBe(200);
    expect(shownSince('alice', shownBefore)).toEqual([
      'Agora has sent agora-my-data.json already: open it from the card above, or from your OneDrive.',
    ]);
    const drive = driver.fake.driveOf('alice');
    expect(drive.map((f) => f.puts.length)).toEqual([1, 0]);
    expect(JSON.parse(String(drive[0]?.bytes))).toBeTypeOf('object');
  });

  it('uploads once when two Allows arrive together', async () => {
    const { card } = await askInChat('alice', 'mydata');
    const shownBefore = botMessages('alice').length;
    const answers = await Promise.all([press(card, 'alice', 'Allow'), press(card, 'alice', 'Allow')]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const puts = driver.fake.driveOf('alice').map((f) => f.puts.length);
    expect(puts.sort()).toEqual([0, 1]);
    const shown = shownSince('alice', shownBefore);
    expect(shown.filter((text) => text.includes('File: agora-my-data'))).toHaveLength(1);
    expect(shown.filter((text) => /already/.test(text))).toHaveLength(1);
  });

  it('answers an Allow that comes after the file is let go, and uploads nothing', async () => {
    const { card } = await askInChat('alice', 'mydata');
    driver.passTime(OFFER_LIFETIME_MS + 1);
    const shownBefore = botMessages('alice').length;
    expect((await press(card, 'alice', 'Allow')).status).toBe(200);
    expect(shownSince('alice', shownBefore)).toEqual([
      expect.stringMatching(/^That file is no longer available: .* Ask Agora for it again/),
    ]);
    expect(driver.fake.driveOf('alice').map((f) => f.puts.length)).toEqual([0]);
  });

  it('keeps the file for another Allow when OneDrive refuses the upload', async () => {
    const { card } = await askInChat('alice', 'mydata');
    driver.fake.onedrive.outage = true;
    const shownBefore = botMessages('alice').length;
    await press(card, 'alice', 'Allow');
    expect(shownSince('alice', shownBefore)).toEqual([expect.stringContaining('Press **Allow** again in a moment')]);
    driver.fake.onedrive.outage = false;
    await press(card, 'alice', 'Allow');
    expect(driver.fake.driveOf('alice').map((f) => Boolean(f.bytes))).toEqual([false, true]);
  });
});

describe('the fake Teams refuses file cards and uploads as Teams and OneDrive do', () => {
  it('takes a large file in pieces of a multiple of 320 KiB, each with its Content-Range', async () => {
    const bytes = new Uint8Array(2 * 320 * 1024 + 1000).map((_, i) => i % 251);
    const session = driver.fake.onedrive.startUpload(driver.fake.world.person('head'), 'big.bin', bytes.length);
    await uploadBytes(session.uploadUrl, bytes, 320 * 1024);
    expect(session.puts.map((p) => [p.range, p.status])).toEqual([
      ['bytes 0-327679/656360', 202],
      ['bytes 327680-655359/656360', 202],
      ['bytes 655360-656359/656360', 201],
    ]);
    expect(Buffer.compare(session.bytes as Buffer, Buffer.from(bytes))).toBe(0);
    expect(UPLOAD_CHUNK_BYTES % (320 * 1024)).toBe(0);
  });

  it('refuses a piece out of order, a wrong length, or one sent with a bearer token', async () => {
    const session = driver.fake.onedrive.startUpload(driver.fake.world.person('head'), 'x.csv', 4);
    const put = (headers: Record<string, string>, body = 'a,b\n') =>
      fetch(session.uploadUrl, { method: 'PUT', headers, body }).then((r) => r.status);
    expect(await put({ 'content-range': 'bytes 1-4/4' })).toBe(416);
    expect(await put({ 'content-range': 'bytes 0-3/5' })).toBe(400);
    expect(await put({ 'content-range': 'bytes 0-3/4', authorization: 'Bearer x' })).toBe(401);
    expect(await put({})).toBe(400);
    expect(session.bytes).toBeNull();
  });

  it('refuses a consent card in a channel, and a file card for a file not uploaded', async () => {
    const { card } = await askInChat('alice', 'mydata');
    const consent = card.attachments.find((a) => a.contentType === CONSENT);
    const tokens = await fetch(`${driver.fake.authority}/${driver.fake.tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: driver.fake.appId,
        client_secret: driver.fake.appPassword,
        scope: 'https://api.botframework.com/.default',
      }),
    }).then((r) => r.json() as Promise<{ access_token: string }>);
    const send = (conversation: string, attachment: unknown) =>
      fetch(`${driver.fake.serviceUrl}v3/conversations/${encodeURIComponent(conversation)}/activities`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.access_token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', attachments: [attachment] }),
      }).then(async (r) => ({ status: r.status, body: await r.text() }));
    const inChannel = await send(driver.fake.channelId('staffroom'), consent);
    expect(inChannel).toMatchObject({ status: 400, body: expect.stringContaining('only in a 1:1 chat') });
    const session = driver.fake.onedrive.startUpload(driver.fake.world.person('alice'), 'x.csv', 4);
    const info = {
      contentType: 'application/vnd.microsoft.teams.card.file.info',
      name: session.name,
      contentUrl: session.contentUrl,
      content: { uniqueId: session.uniqueId, fileType: 'csv' },
    };
    const early = await send(card.conversationId, info);
    expect(early).toMatchObject({ status: 400, body: expect.stringContaining('not complete') });
  });
});
