import type { Context } from 'hono';
import type { ProgrammeRecord, QuestionRecord } from '../../../src/core/records.ts';
import type { WebEnv, WebServices } from '../context.ts';
import { authorLabel } from '../outbound/channel-data.ts';
import { chatHtml } from '../outbound/chat-text.ts';
import { formatWhen } from '../outbound/format.ts';
import { type HtmlValue, html, type SafeHtml } from '../outbound/html.ts';
import { csrfField, notFoundBody, page } from '../outbound/layout.ts';
import { auditSection } from './audit-view.ts';
import { digestsSection } from './digests.ts';
import type { FlashMessage } from './flash.ts';
import { heardSection } from './heard-view.ts';
import { inboundSection } from './inbound-section.ts';
import { positionsSection } from './positions.ts';
import { statsView } from './stats-view.ts';
import { questionActions, timelineSection } from './timeline-view.ts';

/** The organisers' pages: every programme, one programme in full, one question with its answers. */

export function dashboardPage(c: Context<WebEnv>, services: WebServices, title: string, body: HtmlValue) {
  return page({
    title,
    csrf: c.get('csrf'),
    section: 'dashboard',
    sandboxOn: services.options.sandbox,
    events: '/dashboard/events',
    banner: accessBanner(c),
    body,
  }).value;
}

function accessBanner(c: Context<WebEnv>): SafeHtml {
  const access = c.get('access');
  if (access === 'session')
    return html`<form method="post" action="/dashboard/logout" class="inline access">${csrfField(c.get('csrf'))}<span>Signed in as organiser</span> <button type="submit" class="secondary">Sign out</button></form>`;
  if (access === 'local') return html`<p class="access">Open from this machine: no sign-in needed.</p>`;
  return html``;
}

function flashView(flash: FlashMessage | null, csrf: string): SafeHtml {
  if (!flash) return html`<div id="flash" role="status"></div>`;
  const insist = flash.insist
    ? html`<form method="post" action="${flash.insist.action}" class="inline">${csrfField(csrf)}<input type="hidden" name="anyway" value="1"><button type="submit">${flash.insist.label}</button></form>`
    : '';
  return html`<div id="flash" class="flash flash-${flash.tone}" role="status"><p>${chatHtml(flash.text)}</p>${flash.details?.length ? html`<ul>${flash.details.map((d) => html`<li>${d}</li>`)}</ul>` : ''}${insist}</div>`;
}

export function dashboardNotFound(c: Context<WebEnv>, services: WebServices, what: string) {
  return c.html(
    dashboardPage(c, services, 'Not found', notFoundBody(what, { href: '/dashboard', label: 'Back to the dashboard' })),
    404,
  );
}

async function reloadSection(c: Context<WebEnv>, services: WebServices): Promise<SafeHtml> {
  const files = services.options.programmeFiles ? await services.options.programmeFiles.list() : [];
  return html`<section id="reload" aria-labelledby="reload-title">
<h2 id="reload-title">Re-load a programme file</h2>
${
  files.length
    ? html`<form method="post" action="/dashboard/programmes/reload" class="inline">${csrfField(c.get('csrf'))}
<label for="reload-file">Programme file</label>
<select id="reload-file" name="file">${files.map((f) => html`<option value="${f}">${f}</option>`)}</select>
<button type="submit">Re-load</button></form>
<p class="hint">Re-loading validates the file, updates the programme in place (answers are kept) and re-plans its schedule.</p>`
    : html`<p class="empty">No programme files found in PROGRAMMES_DIR.</p>`
}
</section>`;
}

export async function overviewPage(c: Context<WebEnv>, services: WebServices, flash: FlashMessage | null) {
  const { read, organisers } = services.options.consultation;
  const programmes = await read.programmes();
  const rows = await Promise.all(
    programmes.map(async (p) => {
      const questions = await read.questionsOf(p.id);
      const count = (s: string) => questions.filter((q) => q.status === s).length;
      return html`<tr><th scope="row"><a href="/dashboard/programmes/${p.slug}">${p.title}</a><br><span class="hint">${p.slug}${p.settings.organisation ? ` · ${p.settings.organisation}` : ''}</span></th>
<td>${questions.length}</td><td>${count('open')}</td><td>${count('scheduled')}</td><td>${count('closed')}</td></tr>`;
    }),
  );
  const body = html`<main id="main">
<h1>Organisers' dashboard</h1>
${flashView(flash, c.get('csrf'))}
<section aria-labelledby="programmes-title"><h2 id="programmes-title">Programmes</h2>
${
  programmes.length
    ? html`<div class="table-scroll"><table class="programmes"><caption class="visually-hidden">Loaded programmes</caption>
<thead><tr><th scope="col">Programme</th><th scope="col">Questions</th><th scope="col">Open</th><th scope="col">Scheduled</th><th scope="col">Closed</th></tr></thead>
<tbody>${rows}</tbody></table></div>`
    : html`<p class="empty">No programmes are loaded. Put programme files in PROGRAMMES_DIR and re-load them below.</p>`
}
</section>
${await reloadSection(c, services)}
${inboundSection(await read.inboundHealth())}
${auditSection(await organisers.auditLog(null, 30))}
</main>`;
  return c.html(dashboardPage(c, services, 'Dashboard', body));
}

export async function programmePage(
  c: Context<WebEnv>,
  services: WebServices,
  programme: ProgrammeRecord,
  flash: FlashMessage | null,
) {
  const { read, organisers, clock } = services.options.consultation;
  const now = clock.now();
  const questions = (await read.questionsOf(programme.id)).sort(
    (a, b) => (a.opensAt?.getTime() ?? 0) - (b.opensAt?.getTime() ?? 0) || a.position - b.position,
  );
  const ids = new Set([programme.id, ...questions.map((q) => q.id)]);
  const jobs = (await organisers.jobs()).filter((j) => ids.has(j.key.split(':')[1] ?? ''));
  const known = await organisers.knownParticipants(programme.id);
  const stats = await Promise.all(questions.map((q) => organisers.questionStats(programme, q, known)));
  const heard = await organisers.heard(programme.id);
  const body = html`<main id="main">
<p><a href="/dashboard">All programmes</a></p>
<h1>${programme.title}</h1>
${programme.settings.organisation ? html`<p class="lede">${programme.settings.organisation}</p>` : ''}
${flashView(flash, c.get('csrf'))}
<nav aria-label="On this page" class="toc"><ul>
<li><a href="#timeline">Timeline</a></li><li><a href="#questions">Live counts</a></li>${heard ? html`<li><a href="#heard">Who has been heard</a></li>` : ''}<li><a href="#positions">Opinion map</a></li><li><a href="#digests">Digests</a></li><li><a href="#audit">Audit log</a></li>
</ul></nav>
${timelineSection(c.get('csrf'), programme, questions, jobs, now)}
<section id="questions" aria-labelledby="questions-title"><h2 id="questions-title">Live counts</h2>
<p class="hint">These update by themselves as people answer, on any platform connected to this server.</p>
${stats.map((s) => statsView(s))}
</section>
${heardSection(heard, c.get('csrf'), programme, questions)}
${await positionsSection(services.options.consultation, programme)}
${await digestsSection(services.options.consultation, services.options.digests, programme, now)}
${auditSection(await organisers.auditLog(programme.id, 30), programme.timezone)}
</main>`;
  return c.html(dashboardPage(c, services, programme.title, body));
}

export async function questionPage(
  c: Context<WebEnv>,
  services: WebServices,
  programme: ProgrammeRecord,
  question: QuestionRecord,
  flash: FlashMessage | null,
) {
  const { organisers } = services.options.consultation;
  const stats = await organisers.questionStats(programme, question);
  const { responses, authors: people } = await organisers.answersTo(question);
  const body = html`<main id="main">
<p><a href="/dashboard/programmes/${programme.slug}">${programme.title}</a></p>
${flashView(flash, c.get('csrf'))}
${statsView(stats, 'h1')}
<section aria-labelledby="actions-title"><h2 id="actions-title">Actions</h2>${questionActions(c.get('csrf'), programme, question)}</section>
<section aria-labelledby="answers-title"><h2 id="answers-title">Answers (${responses.length})</h2>
${
  responses.length
    ? html`<ol class="answers">${responses.map(
        (r) =>
          html`<li><article class="reply"><header><span class="author">${authorLabel(question.anonymity, people.get(r.participantId))}</span>${r.private ? html` <span class="badge">private</span>` : ''} <time datetime="${r.createdAt.toISOString()}">${formatWhen(r.createdAt, programme.timezone)}</time>${r.editedAt ? ' (edited)' : ''}</header><p class="body">${r.body}</p></article></li>`,
      )}</ol>`
    : html`<p class="empty">No answers yet.</p>`
}
</section>
</main>`;
  return c.html(dashboardPage(c, services, question.key, body));
}
