import type { Context } from 'hono';
import type { WebEnv, WebServices } from '../context.ts';
import { namesOf, visitorOf } from '../inbound/identity.ts';
import { loadChannel, type SandboxChannel, sandboxChannels } from './channel-data.ts';
import { channelBody, channelNav, identityBanner } from './channel-page.ts';
import { html } from './html.ts';
import { notFoundBody, page } from './layout.ts';
import { newMessageId } from './platform.ts';
import type { FormProblem, ViewContext } from './view-context.ts';

/** Renders the sandbox's pages for a request, with a refused form's problem beside its field when there is one. */

export function viewContext(c: Context<WebEnv>, channel: string, problem: FormProblem | null = null): ViewContext {
  return { channel, csrf: c.get('csrf'), visitor: visitorOf(c), problem, nextId: newMessageId };
}

export function organiserState(c: Context<WebEnv>, services: WebServices) {
  const visitor = visitorOf(c);
  const configured = visitor !== null && (services.options.sandboxOrganisers ?? []).includes(visitor.userId);
  const available = c.get('access') !== null;
  return { active: configured || (available && c.get('session').sandboxOrganiser), available, configured };
}

function sandboxPage(c: Context<WebEnv>, services: WebServices, view: ViewContext, title: string, back: string) {
  return (body: ReturnType<typeof html>) =>
    page({
      title,
      csrf: view.csrf,
      section: 'sandbox',
      sandboxOn: true,
      events: '/sandbox/events',
      banner: identityBanner(view, namesOf(c), organiserState(c, services), back),
      body,
    });
}

export async function findChannel(services: WebServices, name: string): Promise<SandboxChannel | undefined> {
  return (await sandboxChannels(services.options.consultation.read)).find((ch) => ch.placeholder === name);
}

export async function renderChannel(
  c: Context<WebEnv>,
  services: WebServices,
  channel: SandboxChannel,
  problem: FormProblem | null = null,
  status: 200 | 422 | 503 = 200,
) {
  const view = viewContext(c, channel.placeholder, problem);
  const channels = await sandboxChannels(services.options.consultation.read);
  const items = await loadChannel(services, channel, view.visitor);
  const notices = view.visitor ? services.platform.notices(view.visitor.userId) : [];
  const wrap = sandboxPage(c, services, view, `#${channel.placeholder}`, `/sandbox/channels/${channel.placeholder}`);
  return c.html(wrap(channelBody(view, channels, channel, items, notices)).value, status);
}

export async function renderIndex(c: Context<WebEnv>, services: WebServices, problem: FormProblem | null = null) {
  const view = viewContext(c, '', problem);
  const channels = await sandboxChannels(services.options.consultation.read);
  const wrap = sandboxPage(c, services, view, 'Sandbox', '/sandbox');
  const body = html`<div class="with-sidebar">
${channelNav(channels, null)}
<main id="main">
<h1>The Agora sandbox</h1>
<p class="lede">Try a consultation as participants would: each channel below stands in for a Slack or Discord channel. Questions appear here when they open, with the same threads, polls and private answers, recorded by the same core.</p>
<ol class="steps">
<li>Pick a name at the top (make up as many people as you like; names are not checked).</li>
<li>Open a channel, reply in a question's thread, vote in a poll, or answer privately.</li>
<li>Watch the counts change on the <a href="/dashboard">organisers' dashboard</a>, where questions can be opened and closed.</li>
</ol>
<h2>Channels</h2>
${
  channels.length
    ? html`<ul class="channel-list">${channels.map(
        (ch) =>
          html`<li><a href="/sandbox/channels/${ch.placeholder}">#${ch.placeholder}</a>${ch.descriptions.length ? html`: ${ch.descriptions.join(' · ')}` : ''} <span class="hint">(${ch.targets.map((t) => t.programme.title).join(', ')})</span></li>`,
      )}</ul>`
    : html`<p class="empty">No programme posts to a sandbox channel yet. Put programme files in PROGRAMMES_DIR and restart.</p>`
}
</main></div>`;
  return c.html(wrap(body).value, problem ? 422 : 200);
}

export function sandboxNotFound(c: Context<WebEnv>, what: string) {
  return c.html(
    page({
      title: 'Not found',
      csrf: c.get('csrf'),
      section: 'sandbox',
      sandboxOn: true,
      body: notFoundBody(what, { href: '/sandbox', label: 'Back to the sandbox channels' }),
    }).value,
    404,
  );
}
