import { randomBytes } from 'node:crypto';
import { HttpServer } from '../../adapters/http/server.ts';
import { openStore } from '../../adapters/prisma/prisma-store.ts';
import { createWebAdapter } from '../../adapters/web/index.ts';
import { createCommandRegistry } from '../../src/core/commands/default-commands.ts';
import { createConsultation } from '../../src/core/consultation/consultation.ts';
import { PlatformRegistry } from '../../src/core/consultation/deps.ts';
import { loadProgramme } from '../../src/core/consultation/load-programme.ts';
import { InboundPipeline } from '../../src/core/inbound/pipeline.ts';
import { silentLogger } from '../../src/core/ports/logger.ts';
import type { DealtStatementView, PlatformDriver } from '../contract/platform-driver.ts';
import { TestClock } from './core-harness.ts';
import { sqliteDatabase } from './databases.ts';
import { programmeDefinition } from './programme-fixture.ts';

/**
 * The platform contract's driver for the web sandbox: the real adapter on the real HTTP server, a real SQLite
 * store, and every person's action a real HTTP request with that person's own cookies and CSRF token, as a
 * browser without JavaScript would send it.
 */

export const WEB_STAFFROOM = { platform: 'web' as const, workspaceId: 'sandbox', channelId: 'staffroom' };
export const WEB_ORGANISERS = { platform: 'web' as const, workspaceId: 'sandbox', channelId: 'organisers' };

/** The fixture programme's placeholders as sandbox channel pages. */
export const webDirectory = (placeholder: string) =>
  placeholder === 'staffroom' ? [WEB_STAFFROOM] : placeholder === 'organisers' ? [WEB_ORGANISERS] : [];

/** Visible text of an HTML fragment: tags dropped, entities decoded, whitespace collapsed. */
export function textOf(markup: string): string {
  return markup
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** One browser: its cookie jar and the CSRF token of its session. */
export class WebClient {
  readonly cookies = new Map<string, string>();
  csrf = '';

  constructor(
    readonly base: string,
    readonly headers: Record<string, string> = {},
  ) {}

  async request(
    path: string,
    init: { method?: string; form?: Record<string, string | string[]>; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = { ...this.headers, ...init.headers };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: URLSearchParams | undefined;
    if (init.form) {
      body = new URLSearchParams();
      for (const [key, value] of Object.entries(init.form))
        for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const response = await fetch(`${this.base}${path}`, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      headers,
      redirect: 'manual',
      ...(body ? { body } : {}),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair?.indexOf('=') ?? -1;
      if (!pair || at < 0) continue;
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (/max-age=0/i.test(cookie) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await response.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(text)?.[1];
    if (token) this.csrf = token;
    return { status: response.status, location: response.headers.get('location'), headers: response.headers, text };
  }

  /** Posts a form with the session's CSRF token, fetching a page first when the session is new. */
  async post(path: string, form: Record<string, string | string[]>) {
    if (!this.csrf) await this.request('/sandbox');
    return this.request(path, { form: { _csrf: this.csrf, ...form } });
  }
}

/**
 * The web adapter on the real HTTP server over a fresh SQLite store, with the fixture programme loaded, handing
 * what people do to the real inbound pipeline (started, as the composition root starts it, after the adapter).
 */
export async function startWebSandbox(options: { organiserToken?: string } = {}) {
  const database = sqliteDatabase();
  const store = await openStore(database.url);
  const platforms = new PlatformRegistry();
  const clock = new TestClock(new Date('2026-12-01T10:00:00Z'));
  const deps = { store, clock, logger: silentLogger, platforms };
  const pipeline = new InboundPipeline({
    inbox: store.inbox,
    deps,
    worker: 'web-test',
    tuning: { refreshDelayMs: 50 },
  });
  const consultation = createConsultation(deps, pipeline);
  const web = createWebAdapter({
    consultation,
    commands: createCommandRegistry(null),
    sandbox: true,
    organiserToken: options.organiserToken,
  });
  platforms.register(web.platform);
  const load = (overrides: Record<string, unknown> = {}) =>
    loadProgramme(store, programmeDefinition(overrides), 'fixture', { directory: webDirectory });
  await load();
  const http = new HttpServer(silentLogger);
  for (const prefix of web.prefixes) http.mount(prefix, web.listener);
  const port = await http.listen(0, '127.0.0.1');
  await pipeline.start();
  const question = async (key: string) => {
    const programme = await store.programmes.findBySlug('staff-voice');
    const found = programme ? await store.questions.findByKey(programme.id, key) : null;
    if (!found) throw new Error(`no question ${key}`);
    return found;
  };
  return {
    base: `http://127.0.0.1:${port}`,
    deps,
    store,
    pipeline,
    consultation,
    web,
    clock,
    question,
    load,
    async stop() {
      await pipeline.stop();
      web.close();
      await http.close();
      await store.close();
      await database.drop();
    },
  };
}

export async function createWebDriver(): Promise<PlatformDriver> {
  const sandbox = await startWebSandbox();
  const { base, deps, store } = sandbox;
  const channelPath = '/sandbox/channels/staffroom';

  const people = new Map<string, WebClient>();
  async function as(user: string): Promise<WebClient> {
    let client = people.get(user);
    if (!client) {
      client = new WebClient(base);
      const chosen = await client.post('/sandbox/identity', { name: user, back: channelPath });
      if (chosen.status !== 303) throw new Error(`choosing the name ${user} failed: ${chosen.status}`);
      people.set(user, client);
    }
    return client;
  }
  const questionId = async (key: string) => (await sandbox.question(key)).id;
  const expectRedirect = (what: string, result: { status: number; text: string }) => {
    if (result.status !== 303)
      throw new Error(`${what} answered ${result.status}: ${textOf(result.text).slice(0, 300)}`);
  };
  async function cardText(key: string, user = 'observer'): Promise<string> {
    const client = await as(user);
    const page = await client.request(`${channelPath}/questions/${await questionId(key)}`);
    if (page.status !== 200) throw new Error(`question ${key} is not shown in #staffroom (${page.status})`);
    const main = /<main id="main">([\s\S]*)<\/main>/.exec(page.text)?.[1] ?? '';
    return textOf(main);
  }
  let lastReply: { user: string; path: string; form: Record<string, string> } | null = null;

  /** What the person is shown in the question's "Vote on statements" part, with the key of a dealt statement. */
  async function dealtTo(
    user: string,
    questionKey: string,
  ): Promise<DealtStatementView & { statementKey: string | null }> {
    const id = await questionId(questionKey);
    const page = await (await as(user)).request(`${channelPath}/questions/${id}`);
    const part = new RegExp(`<section class="dealt" id="dealt-${id}"[^>]*>([\\s\\S]*?)</section>`).exec(page.text)?.[1];
    if (part === undefined) {
      const notice = (await driver.privateNoticesTo(user)).at(-1) ?? '';
      return { statement: null, shown: notice, statementKey: null };
    }
    const statement = /<p class="statement"[^>]*>([\s\S]*?)<\/p>/.exec(part)?.[1];
    const statementKey = /name="statement" value="([^"]+)"/.exec(part)?.[1] ?? null;
    // Links as a reader follows them: the text with each link's address.
    const links = [...part.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    const shown = [textOf(part), ...links].join(' ');
    return { statement: statement === undefined ? null : textOf(statement), shown, statementKey };
  }
  const view = ({ statement, shown }: DealtStatementView): DealtStatementView => ({ statement, shown });

  const driver: PlatformDriver = {
    deps,
    async postedQuestion(questionKey) {
      const id = await questionId(questionKey);
      const channel = await (await as('observer')).request(channelPath);
      if (!channel.text.includes(`id="q-${id}"`)) throw new Error(`${questionKey} is not on the channel page`);
      const [posting] = await store.postings.listByQuestion(id);
      if (!posting) throw new Error(`${questionKey} has no posting`);
      return { messageRef: posting.messageRef, threadRef: posting.threadRef, text: await cardText(questionKey) };
    },
    async userReplies({ questionKey, user, text, replyTo }) {
      const eventId = randomBytes(9).toString('base64url');
      const path = `${channelPath}/questions/${await questionId(questionKey)}/replies`;
      const form = { eventId, body: text, ...(replyTo ? { replyTo } : {}) };
      expectRedirect('a reply', await (await as(user)).post(path, form));
      lastReply = { user, path, form };
      return { messageRef: `web:sandbox:staffroom:${eventId}` };
    },
    async userEdits({ messageRef, user, text }) {
      const id = messageRef.split(':').pop() as string;
      const form = { eventId: randomBytes(9).toString('base64url'), body: text };
      expectRedirect('an edit', await (await as(user)).post(`${channelPath}/messages/${id}/edit`, form));
    },
    async userDeletes({ messageRef, user }) {
      const id = messageRef.split(':').pop() as string;
      expectRedirect('a deletion', await (await as(user)).post(`${channelPath}/messages/${id}/delete`, {}));
    },
    async redeliverLastReply() {
      if (!lastReply) throw new Error('no reply to deliver again');
      expectRedirect('a repeated reply', await (await as(lastReply.user)).post(lastReply.path, lastReply.form));
    },
    async userVotes({ questionKey, user, choice }) {
      const path = `${channelPath}/questions/${await questionId(questionKey)}/votes`;
      const form = { eventId: randomBytes(9).toString('base64url'), choice };
      expectRedirect('a vote', await (await as(user)).post(path, form));
    },
    async userAnswersPrivately({ questionKey, user, text }) {
      const path = `${channelPath}/questions/${await questionId(questionKey)}/private`;
      const form = { eventId: randomBytes(9).toString('base64url'), body: text };
      expectRedirect('a private answer', await (await as(user)).post(path, form));
    },
    async userRunsCommand({ user, text, organiser }) {
      const client = await as(user);
      if (organiser)
        expectRedirect(
          'acting as organiser',
          await client.post('/sandbox/identity/organiser', { mode: 'on', back: channelPath }),
        );
      const before = (await driver.privateNoticesTo(user)).length;
      const form = { eventId: randomBytes(9).toString('base64url'), text };
      expectRedirect('a command', await client.post(`${channelPath}/commands`, form));
      return (await driver.privateNoticesTo(user)).slice(before).join('\n');
    },
    async privateNoticesTo(user) {
      const page = await (await as(user)).request('/sandbox/notices');
      return [...page.text.matchAll(/<li class="notice">([\s\S]*?)<\/li>/g)].map((m) => textOf(m[1] ?? ''));
    },
    async userAddsStatement({ questionKey, user, text }) {
      const path = `${channelPath}/questions/${await questionId(questionKey)}/statements`;
      const form = { eventId: randomBytes(9).toString('base64url'), text };
      expectRedirect('adding a statement', await (await as(user)).post(path, form));
    },
    async userAsksForStatement({ questionKey, user }) {
      const path = `${channelPath}/questions/${await questionId(questionKey)}/statements/deal`;
      const form = { eventId: randomBytes(9).toString('base64url') };
      expectRedirect('asking for a statement', await (await as(user)).post(path, form));
      return view(await dealtTo(user, questionKey));
    },
    async userAnswersStatement({ questionKey, user, vote }) {
      const dealt = await dealtTo(user, questionKey);
      if (!dealt.statementKey) throw new Error(`${user} has no statement dealt on ${questionKey}: ${dealt.shown}`);
      const path = `${channelPath}/questions/${await questionId(questionKey)}/statements/answer`;
      const form = { eventId: randomBytes(9).toString('base64url'), statement: dealt.statementKey, vote };
      expectRedirect('answering a statement', await (await as(user)).post(path, form));
      return view(await dealtTo(user, questionKey));
    },
    async userAsksWhereTheyStand({ questionKey, user }) {
      const client = await as(user);
      const id = await questionId(questionKey);
      const page = await client.request(`${channelPath}/questions/${id}`);
      const form = [...page.text.matchAll(/<form [^>]*action="([^"]+)"[\s\S]*?<\/form>/g)].find((m) =>
        />\s*Where do I stand\s*</.test(m[0]),
      );
      if (!form?.[1]) throw new Error(`${user} sees no "Where do I stand" button on ${questionKey}`);
      const before = (await driver.privateNoticesTo(user)).length;
      expectRedirect(
        'asking where they stand',
        await client.post(form[1], { eventId: randomBytes(9).toString('base64url') }),
      );
      return (await driver.privateNoticesTo(user)).slice(before).join('\n');
    },
    async organiserReviewsStatement({ user, text, decision }) {
      const client = await as(user);
      const organisers = `/sandbox/channels/${WEB_ORGANISERS.channelId}`;
      expectRedirect(
        'acting as organiser',
        await client.post('/sandbox/identity/organiser', { mode: 'on', back: organisers }),
      );
      const page = await client.request(organisers);
      const review = [...page.text.matchAll(/<article class="bot-message"[\s\S]*?<\/article>/g)]
        .map((m) => m[0])
        .find((markup) => markup.includes('name="decision"') && textOf(markup).includes(text));
      const action = review && /<form method="post" action="([^"]+)"/.exec(review)?.[1];
      if (!action) throw new Error(`no statement "${text}" awaits review in #${WEB_ORGANISERS.channelId}`);
      expectRedirect('reviewing a statement', await client.post(action, { decision }));
    },
    async reviewCard(text) {
      const page = await (await as('observer')).request(`/sandbox/channels/${WEB_ORGANISERS.channelId}`);
      const card = [...page.text.matchAll(/<article class="bot-message"[\s\S]*?<\/article>/g)]
        .map((m) => m[0])
        .find((markup) => textOf(markup).includes(text));
      if (!card) throw new Error(`no review card for "${text}"`);
      const buttons = [...card.matchAll(/<button[^>]*>([\s\S]*?)<\/button>/g)].map((m) => textOf(m[1] ?? ''));
      return { shown: textOf(card), buttons };
    },
    async userProposesStatement({ messageRef, user, text, organiser }) {
      const client = await as(user);
      if (organiser)
        expectRedirect(
          'acting as organiser',
          await client.post('/sandbox/identity/organiser', { mode: 'on', back: channelPath }),
        );
      const id = messageRef.split(':').pop() as string;
      const page = await client.request(channelPath);
      const at = page.text.indexOf(`<article class="reply" id="r-${id}"`);
      // Pressed by its visible label, as a person opens it: the first such control in the reply is its own.
      const control = at < 0 ? undefined : page.text.slice(at).split('<summary>Propose as a statement</summary>')[1];
      if (!control) return { prefilled: null };
      const action = /<form[^>]* action="([^"]+)"/.exec(control)?.[1] as string;
      const prefilled = textOf(/<textarea[^>]*>([\s\S]*?)<\/textarea>/.exec(control)?.[1] ?? '');
      const eventId = /name="eventId" value="([^"]+)"/.exec(control)?.[1] as string;
      expectRedirect('proposing a statement', await client.post(action, { eventId, text: text ?? prefilled }));
      return { prefilled };
    },
    async reviewRequestText(text) {
      const page = await (await as('observer')).request(`/sandbox/channels/${WEB_ORGANISERS.channelId}`);
      const review = [...page.text.matchAll(/<article class="bot-message"[\s\S]*?<\/article>/g)]
        .map((m) => m[0])
        .find((markup) => textOf(markup).includes(text));
      if (!review) throw new Error(`no statement "${text}" in #${WEB_ORGANISERS.channelId}`);
      // Links as a reader follows them: the text with each link's address.
      return `${textOf(review)} ${[...review.matchAll(/href="([^"]+)"/g)].map((m) => m[1]).join(' ')}`;
    },
    async reloadProgramme(overrides) {
      await sandbox.load(overrides);
    },
    async linkedMessage(link) {
      const at = /^(\/sandbox\/channels\/[^#?]+)#(r-[A-Za-z0-9_-]+)$/.exec(link);
      if (!at) return null;
      const page = await (await as('observer')).request(at[1] as string);
      const reply = new RegExp(`<article class="reply" id="${at[2]}"[\\s\\S]*?</article>`).exec(page.text);
      return reply ? textOf(reply[0]) : null;
    },
    async organiserChannelMessages() {
      const page = await (await as('observer')).request(`/sandbox/channels/${WEB_ORGANISERS.channelId}`);
      return [...page.text.matchAll(/<article class="bot-message"[\s\S]*?<\/article>/g)].map((m) => textOf(m[0]));
    },
    currentQuestionText: (questionKey) => cardText(questionKey),
    stop: () => sandbox.stop(),
  };
  return driver;
}
