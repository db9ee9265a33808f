import type { Consultation } from '../../../src/core/consultation/consultation.ts';
import { validWeeks } from '../../../src/core/digest/weeks.ts';
import type { JobRecord, ProgrammeRecord } from '../../../src/core/records.ts';
import { formatWhen, shorten } from '../outbound/format.ts';
import { html, type SafeHtml, trusted } from '../outbound/html.ts';

/**
 * Digests on the dashboard: every week a programme can have a digest for, each downloadable in every format.
 * Downloads go through the dashboard (its sign-in) to the same export the API serves to tools with a bearer
 * token at `GET /api/programmes/:slug/digests/:week.:format`. The export itself is given by the composition root.
 */

export const DIGEST_FORMATS = [
  { format: 'html', label: 'HTML' },
  { format: 'markdown', label: 'Markdown' },
  { format: 'csv', label: 'CSV' },
  { format: 'json', label: 'JSON' },
  { format: 'xlsx', label: 'Excel (xlsx)' },
  { format: 'polis', label: 'Pol.is CSV' },
] as const;

export interface DigestExport {
  name: string;
  mediaType: string;
  chunks: AsyncIterable<string | Uint8Array>;
}

export interface DigestCatalogue {
  /** One file of a programme's digest export (the API route's exporter). Errors are AgoraErrors naming valid values. */
  exportFile(request: { programme: string; week?: string; format: string; file?: string }): Promise<DigestExport>;
}

export function apiDigestUrl(slug: string, week: string, format: string): string {
  return `/api/programmes/${encodeURIComponent(slug)}/digests/${encodeURIComponent(week)}.${format}`;
}

export function dashboardDigestUrl(slug: string, week: string, format: string): string {
  return `/dashboard/programmes/${encodeURIComponent(slug)}/digests/${encodeURIComponent(week)}.${format}`;
}

/** Beyond this the preview is not shown (cutting HTML would break it); the download has it all. */
const PREVIEW_MAX = 2_000_000;

async function textOf(file: DigestExport): Promise<string | null> {
  let text = '';
  const decoder = new TextDecoder();
  for await (const chunk of file.chunks) {
    text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (text.length > PREVIEW_MAX) return null;
  }
  return text;
}

/**
 * The HTML digest's body, to show inside the dashboard as the digest itself reads: everything in it is escaped by
 * the digest's renderer, it has no script, and its styles come from the dashboard's stylesheet (scoped to
 * `.digest-preview`). Its title becomes a paragraph and its `main` a `div`: the dashboard page has its own.
 */
function digestBody(document: string): SafeHtml | null {
  const body = /<body>([\s\S]*)<\/body>/.exec(document)?.[1];
  if (!body) return null;
  return trusted(
    body.replace(/<h1>([\s\S]*?)<\/h1>/, '<p class="digest-title">$1</p>').replace(/<(\/?)main>/g, '<$1div>'),
  );
}

/** Per week, what the e-mail jobs say: how many were sent, and which the mail server refused (retrying or given up). */
function emailStatus(jobs: JobRecord[]): Map<string, string> {
  const byWeek = new Map<string, JobRecord[]>();
  for (const job of jobs) {
    const week = typeof job.payload.week === 'string' ? job.payload.week : null;
    if (week) byWeek.set(week, [...(byWeek.get(week) ?? []), job]);
  }
  const status = new Map<string, string>();
  for (const [week, list] of byWeek) {
    const sent = list.filter((j) => j.status === 'done').length;
    const retrying = list.filter((j) => (j.status === 'pending' || j.status === 'running') && j.lastError);
    const dead = list.filter((j) => j.status === 'dead');
    const parts = [`e-mailed to ${sent} of ${list.length}`];
    if (retrying.length > 0)
      parts.push(
        `${retrying.length} refused by the mail server, retrying (${shorten(retrying[0]?.lastError ?? '', 160)})`,
      );
    if (dead.length > 0)
      parts.push(`${dead.length} given up after repeated refusals (${shorten(dead[0]?.lastError ?? '', 160)})`);
    status.set(week, parts.join('; '));
  }
  return status;
}

/** Weeks with a digest, newest first, with what the job table says about sending each. */
async function weeksOf(
  consultation: Consultation,
  programme: ProgrammeRecord,
  now: Date,
): Promise<{ week: string; status: string }[]> {
  const { read, organisers } = consultation;
  const questions = await read.questionsOf(programme.id, { includeArchived: true });
  const sent = new Map<string, string>();
  for (const job of await organisers.jobs({ prefix: `digest:${programme.id}:` })) {
    const week = job.key.split(':')[2];
    if (!week) continue;
    sent.set(
      week,
      job.status === 'done'
        ? `sent ${formatWhen(job.updatedAt, programme.timezone)}`
        : job.status === 'pending'
          ? `to be sent ${formatWhen(job.runAt, programme.timezone)}`
          : job.status,
    );
  }
  const emails = emailStatus(await organisers.jobs({ prefix: `digest-email:${programme.id}:` }));
  const current = validWeeks(questions, now).at(-1);
  return validWeeks(questions, now)
    .reverse()
    .slice(0, 8)
    .map((week) => {
      const status = sent.get(week) ?? (week === current ? 'this week so far' : 'not sent');
      const email = emails.get(week);
      return { week, status: email ? `${status}; ${email}` : status };
    });
}

export async function digestsSection(
  consultation: Consultation,
  catalogue: DigestCatalogue | undefined,
  programme: ProgrammeRecord,
  now: Date,
): Promise<SafeHtml> {
  const weeks = await weeksOf(consultation, programme, now);
  const latest = weeks[0];
  const preview =
    latest && catalogue
      ? await catalogue
          .exportFile({ programme: programme.slug, week: latest.week, format: 'html' })
          .then(textOf)
          .then((text) => (text === null ? null : digestBody(text)))
          .catch(() => null)
      : null;
  const link = (week: string, format: string) =>
    catalogue ? dashboardDigestUrl(programme.slug, week, format) : apiDigestUrl(programme.slug, week, format);
  return html`<section id="digests" aria-labelledby="digests-title">
<h2 id="digests-title">Digests</h2>
<p class="hint">${catalogue ? 'Each week in every export format.' : 'The digest service is not connected to this server, so these links lead to the API route, which needs the organiser token as a bearer token.'} Tools can fetch the same files from <code>GET ${apiDigestUrl(programme.slug, 'WEEK', 'FORMAT')}</code> with <code>Authorization: Bearer ORGANISER_API_TOKEN</code>.</p>
<div class="table-scroll"><table class="digests">
<caption class="visually-hidden">Digest downloads by week</caption>
<thead><tr><th scope="col">Week</th><th scope="col">Status</th><th scope="col">Download</th></tr></thead>
<tbody>${weeks.map(
    (w) =>
      html`<tr><th scope="row">${w.week}</th><td>${w.status}</td><td><ul class="inline-list">${DIGEST_FORMATS.map(
        (f) =>
          html`<li><a href="${link(w.week, f.format)}" download data-format="${f.format}" aria-label="${f.label} digest for ${w.week}">${f.label}</a></li>`,
      )}</ul></td></tr>`,
  )}</tbody>
</table></div>
${latest ? html`<h3>Preview: ${latest.week}</h3>${preview ? html`<div class="digest-preview" role="region" aria-label="Preview of the ${latest.week} digest" tabindex="0">${preview}</div>` : html`<p class="empty">No preview available yet: download the HTML digest above.</p>`}` : ''}
</section>`;
}
