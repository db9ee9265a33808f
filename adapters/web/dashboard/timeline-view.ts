import type { JobRecord, ProgrammeRecord, QuestionRecord } from '../../../src/core/records.ts';
import { formatWhen, shorten } from '../outbound/format.ts';
import { html, type SafeHtml } from '../outbound/html.ts';
import { csrfField } from '../outbound/layout.ts';
import { questionPath } from './stats-view.ts';

/** A programme's timeline: each question's opening, reminders and closing, what is next, and the job table. */

interface TimelineEvent {
  at: Date;
  what: string;
}

function upcoming(questions: QuestionRecord[], now: Date): TimelineEvent | undefined {
  const events: TimelineEvent[] = [];
  for (const q of questions) {
    if (q.opensAt && q.status === 'scheduled') events.push({ at: q.opensAt, what: `"${q.key}" opens` });
    for (const r of q.reminders) if (q.status !== 'closed') events.push({ at: r, what: `reminder for "${q.key}"` });
    if (q.closesAt && q.status !== 'closed') events.push({ at: q.closesAt, what: `"${q.key}" closes` });
  }
  return events.filter((e) => e.at > now).sort((a, b) => a.at.getTime() - b.at.getTime())[0];
}

function when(at: Date | null, zone: string, done: boolean): SafeHtml {
  if (!at) return html`<span class="hint">not set</span>`;
  return html`<time datetime="${at.toISOString()}"${done ? html` class="done"` : ''}>${formatWhen(at, zone)}</time>`;
}

function actionButton(csrf: string, path: string, action: string, label: string, questionLabel: string): SafeHtml {
  return html`<form method="post" action="${path}/${action}" class="inline">${csrfField(csrf)}<button type="submit" aria-label="${label}: ${questionLabel}">${label}</button></form>`;
}

export function questionActions(csrf: string, programme: ProgrammeRecord, q: QuestionRecord): SafeHtml {
  const path = questionPath(programme.slug, q.key);
  const label = q.key;
  if (q.status === 'scheduled') return actionButton(csrf, path, 'open', 'Open now', label);
  if (q.status === 'open')
    return html`<div class="row-actions">${actionButton(csrf, path, 'close', 'Close', label)}${actionButton(csrf, path, 'remind', 'Remind', label)}</div>`;
  return html`<span class="hint">${q.status}</span>`;
}

export function timelineSection(
  csrf: string,
  programme: ProgrammeRecord,
  questions: QuestionRecord[],
  jobs: JobRecord[],
  now: Date,
): SafeHtml {
  const zone = programme.timezone;
  const open = questions.filter((q) => q.status === 'open');
  const next = upcoming(questions, now);
  return html`<section id="timeline" aria-labelledby="timeline-title">
<h2 id="timeline-title">Timeline</h2>
<p class="lede">${open.length ? `${open.length} open now (${open.map((q) => q.key).join(', ')}).` : 'Nothing is open now.'} ${next ? html`Next: ${next.what}, <time datetime="${next.at.toISOString()}">${formatWhen(next.at, zone)}</time>.` : 'Nothing else is scheduled.'}</p>
<p class="hint">Times are in ${zone}.</p>
<div class="table-scroll"><table class="timeline">
<caption class="visually-hidden">Questions with their opening, reminder and closing times</caption>
<thead><tr><th scope="col">Question</th><th scope="col">Status</th><th scope="col">Opens</th><th scope="col">Reminders</th><th scope="col">Closes</th><th scope="col">Actions</th></tr></thead>
<tbody>${questions.map(
    (
      q,
    ) => html`<tr id="row-${q.id}"><th scope="row"><a href="${questionPath(programme.slug, q.key)}">${q.key}</a><br><span class="hint">${shorten(q.prompt, 90)}</span></th>
<td><span class="status status-${q.status}">${q.status}</span>${q.openedAt ? html`<br><span class="hint">opened ${formatWhen(q.openedAt, zone)}</span>` : ''}${q.closedAt ? html`<br><span class="hint">closed ${formatWhen(q.closedAt, zone)}</span>` : ''}</td>
<td>${when(q.opensAt, zone, q.status !== 'scheduled')}</td>
<td>${q.reminders.length ? q.reminders.map((r) => html`${when(r, zone, r <= now)}<br>`) : html`<span class="hint">none</span>`}</td>
<td>${when(q.closesAt, zone, q.status === 'closed')}</td>
<td>${questionActions(csrf, programme, q)}</td></tr>`,
  )}</tbody></table></div>
${jobs.length ? jobsTable(jobs, questions, zone) : ''}
</section>`;
}

function jobsTable(jobs: JobRecord[], questions: QuestionRecord[], zone: string): SafeHtml {
  const keyOf = new Map(questions.map((q) => [q.id, q.key]));
  const describe = (job: JobRecord) => {
    const [, id, n] = job.key.split(':');
    const question = id ? keyOf.get(id) : undefined;
    if (job.kind === 'digest') return `digest ${n ?? ''}`;
    if (job.kind === 'purge') return 'retention purge';
    return `${job.kind}${job.kind === 'remind' && n ? ` #${n}` : ''} ${question ?? ''}`;
  };
  return html`<details class="jobs"><summary>Scheduled jobs (${jobs.length})</summary>
<div class="table-scroll"><table class="jobs"><caption class="visually-hidden">The scheduler's jobs for this programme</caption>
<thead><tr><th scope="col">Job</th><th scope="col">Runs at</th><th scope="col">Status</th><th scope="col">Attempts</th><th scope="col">Note</th></tr></thead>
<tbody>${jobs
    .sort((a, b) => a.runAt.getTime() - b.runAt.getTime())
    .map(
      (job) =>
        html`<tr><td>${describe(job)}</td><td>${formatWhen(job.runAt, zone)}</td><td><span class="status status-${job.status}">${job.status}</span></td><td>${job.attempts}</td><td>${job.lastError ? html`<span class="error">${shorten(job.lastError, 200)}</span>` : (job.note ?? '')}</td></tr>`,
    )}</tbody></table></div></details>`;
}
