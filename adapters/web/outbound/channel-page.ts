import { NAME_MAX } from '../inbound/identity.ts';
import type { ChannelItem, SandboxChannel } from './channel-data.ts';
import { chatHtml } from './chat-text.ts';
import { formatWhen } from './format.ts';
import { html, type SafeHtml } from './html.ts';
import { csrfField } from './layout.ts';
import { channelMessageView } from './message-view.ts';
import type { PrivateNotice } from './platform.ts';
import { questionView } from './question-view.ts';
import { problemFor, type ViewContext } from './view-context.ts';

/** The sandbox's pages: a channel with its posted questions, the visitor's private notices and the /agora box. */

export function identityBanner(
  view: ViewContext,
  names: string[],
  organiser: { active: boolean; available: boolean },
  back: string,
): SafeHtml {
  const problem = problemFor(view, 'identity');
  const value = problem?.values.name ?? '';
  const others = names.filter((n) => n !== view.visitor?.name);
  return html`<section class="identity" id="identity" aria-label="Who you are in the sandbox">
${view.visitor ? html`<p class="whoami">Taking part as <strong>${view.visitor.name}</strong>${organiser.active ? ' (organiser)' : ''}</p>` : html`<p class="whoami">Pick a name to take part.</p>`}
<form method="post" action="/sandbox/identity" class="inline">
${csrfField(view.csrf)}<input type="hidden" name="back" value="${back}">
<label for="identity-name">${view.visitor ? 'Switch to another person' : 'Your name'}</label>
<input id="identity-name" name="name" autocomplete="off" maxlength="${NAME_MAX}" value="${value}"${problem ? html` aria-invalid="true" aria-describedby="identity-name-error"` : ''}>
<button type="submit">${view.visitor ? 'Switch' : 'Take part'}</button>
${problem ? html`<p class="field-error" id="identity-name-error" role="alert">${problem.message}</p>` : ''}
</form>
${
  others.length
    ? html`<form method="post" action="/sandbox/identity" class="inline">${csrfField(view.csrf)}<input type="hidden" name="back" value="${back}"><span>Recent:</span> ${others.map((n) => html`<button type="submit" name="name" value="${n}" class="link">${n}</button> `)}</form>`
    : ''
}
${
  view.visitor && organiser.available
    ? html`<form method="post" action="/sandbox/identity/organiser" class="inline">${csrfField(view.csrf)}<input type="hidden" name="back" value="${back}">
<input type="hidden" name="mode" value="${organiser.active ? 'off' : 'on'}"><button type="submit" class="secondary">${organiser.active ? 'Stop acting as organiser' : 'Act as organiser'}</button></form>`
    : ''
}
</section>`;
}

export function noticesView(view: ViewContext, notices: PrivateNotice[]): SafeHtml {
  if (!view.visitor) return html`<section id="notices" data-live="notices" aria-live="polite"></section>`;
  return html`<section id="notices" class="notices" aria-labelledby="notices-title" aria-live="polite" data-live="notices">
<h2 id="notices-title">Only visible to you</h2>
${
  notices.length
    ? html`<ol>${notices.map(
        (n) =>
          html`<li class="notice"><p>${chatHtml(n.text)}</p>${n.file ? html`<p><a href="/sandbox/files/${n.file.id}" download>${n.file.title} (${n.file.name})</a></p>` : ''}<time datetime="${n.at.toISOString()}">${formatWhen(n.at)}</time></li>`,
      )}</ol>
<form method="post" action="/sandbox/notices/dismiss">${csrfField(view.csrf)}<input type="hidden" name="back" value="/sandbox/channels/${view.channel}"><button type="submit" class="secondary">Dismiss these</button></form>`
    : html`<p class="empty">Nothing yet. Reminders, refusals and replies to your /agora commands appear here.</p>`
}
</section>`;
}

function commandBox(view: ViewContext): SafeHtml {
  if (!view.visitor) return html``;
  const problem = problemFor(view, 'command');
  return html`<section class="command" aria-labelledby="command-title">
<h2 id="command-title">Agora commands</h2>
<form method="post" action="/sandbox/channels/${view.channel}/commands" hx-post="/sandbox/channels/${view.channel}/commands" hx-target="#notices" hx-select="#notices" hx-swap="outerHTML">
${csrfField(view.csrf)}<input type="hidden" name="eventId" value="${view.nextId()}">
<label for="command-text">/agora</label>
<input id="command-text" name="text" autocomplete="off" maxlength="500" placeholder="help" value="${problem?.values.text ?? ''}">
<button type="submit">Run</button>
<p class="hint">Try <code>help</code>, <code>status</code>, <code>mydata</code> or, as an organiser, <code>open PROGRAMME/QUESTION</code>. The answer appears under "Only visible to you".</p>
</form>
</section>`;
}

export function channelNav(channels: SandboxChannel[], current: string | null): SafeHtml {
  return html`<nav class="channels" aria-label="Sandbox channels"><h2>Channels</h2><ul>${channels.map(
    (ch) =>
      html`<li><a href="/sandbox/channels/${ch.placeholder}"${ch.placeholder === current ? html` aria-current="page"` : ''}>#${ch.placeholder}</a></li>`,
  )}</ul></nav>`;
}

export function channelBody(
  view: ViewContext,
  channels: SandboxChannel[],
  channel: SandboxChannel,
  items: ChannelItem[],
  notices: PrivateNotice[],
): SafeHtml {
  return html`<div class="with-sidebar">
${channelNav(channels, channel.placeholder)}
<main id="main">
<h1>#${channel.placeholder}</h1>
${channel.descriptions.length ? html`<p class="lede">${channel.descriptions.join(' · ')}</p>` : ''}
<p class="hint">Programmes here: ${channel.targets.map((t) => t.programme.title).join(', ')}.</p>
${noticesView(view, notices)}
<section aria-labelledby="messages-title" id="messages" data-live="channel:${channel.placeholder}">
<h2 id="messages-title" class="visually-hidden">Messages</h2>
${
  items.length
    ? items.map((item) => (item.type === 'question' ? questionView(item, view) : channelMessageView(item, view)))
    : html`<p class="empty">No questions have been posted here yet. Questions appear when they open: on schedule, or when an organiser opens one from the <a href="/dashboard">dashboard</a>.</p>`
}
</section>
${commandBox(view)}
</main>
</div>`;
}
