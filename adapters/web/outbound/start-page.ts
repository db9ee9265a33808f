import type { Context } from 'hono';
import type { WebEnv, WebServices } from '../context.ts';
import { sandboxChannels } from './channel-data.ts';
import { html } from './html.ts';
import { notFoundBody, page } from './layout.ts';

/** `/`: where a person who just ran `npm start` lands, with the way to the sandbox channels and the dashboard. */
export async function startPage(c: Context<WebEnv>, services: WebServices) {
  const { read } = services.options.consultation;
  const channels = services.options.sandbox ? await sandboxChannels(read) : [];
  const programmes = await read.programmes();
  const body = html`<main id="main" class="narrow">
<h1>Welcome to Agora</h1>
<p class="lede">Agora runs structured consultations (programmes of questions) where people already talk, in Slack and Discord, and turns the answers into evidence organisers can act on.</p>
${
  services.options.sandbox
    ? html`<section aria-labelledby="try-title"><h2 id="try-title">Try it as a participant</h2>
<p>The sandbox stands in for Slack and Discord: each channel is a page, questions appear in it as they open, and you can reply in threads, vote and answer privately, as any number of made-up people.</p>
${
  channels.length
    ? html`<ul class="channel-list">${channels.map((ch) => html`<li><a href="/sandbox/channels/${ch.placeholder}">#${ch.placeholder}</a>${ch.descriptions.length ? html`: ${ch.descriptions[0]}` : ''}</li>`)}</ul>`
    : html`<p class="empty">No programme posts to a sandbox channel yet.</p>`
}
<p><a class="button" href="/sandbox">Open the sandbox</a></p></section>`
    : ''
}
<section aria-labelledby="organise-title"><h2 id="organise-title">Run it as an organiser</h2>
<p>The dashboard shows each programme's timeline, live counts by platform and channel, poll results, who has not answered yet, and the weekly digests. From there you can open and close questions and send reminders.</p>
<p>${programmes.length ? `${programmes.length} programme(s) loaded: ${programmes.map((p) => p.title).join('; ')}.` : 'No programmes are loaded yet.'}</p>
<p><a class="button" href="/dashboard">Open the dashboard</a></p></section>
</main>`;
  return c.html(
    page({ title: 'Start', csrf: c.get('csrf'), section: 'start', sandboxOn: services.options.sandbox, body }).value,
  );
}

export function notFoundPage(c: Context<WebEnv>, services: WebServices) {
  return c.html(
    page({
      title: 'Not found',
      csrf: c.get('csrf'),
      section: 'start',
      sandboxOn: services.options.sandbox,
      body: notFoundBody(`Nothing lives at ${c.req.path}.`, { href: '/', label: 'Back to the start page' }),
    }).value,
    404,
  );
}
