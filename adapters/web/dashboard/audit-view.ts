import type { AuditEventRecord } from '../../../src/core/records.ts';
import { formatWhen, shorten } from '../outbound/format.ts';
import { html } from '../outbound/html.ts';

/** The audit log: who did what, newest first. */
export function auditSection(events: AuditEventRecord[], timeZone = 'UTC') {
  return html`<section id="audit" aria-labelledby="audit-title">
<h2 id="audit-title">Audit log</h2>
${
  events.length
    ? html`<div class="table-scroll"><table class="audit"><caption class="visually-hidden">Recent organiser actions</caption>
<thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Action</th><th scope="col">Detail</th></tr></thead>
<tbody>${events.map(
        (e) =>
          html`<tr><td><time datetime="${e.at.toISOString()}">${formatWhen(e.at, timeZone)}</time></td><td>${e.actor}</td><td>${e.action}</td><td><code>${shorten(JSON.stringify(e.detail), 300)}</code></td></tr>`,
      )}</tbody></table></div>`
    : html`<p class="empty">Nothing recorded yet. Opening, closing, reminding and re-loading from here are recorded, as are organisers' commands in chat.</p>`
}
</section>`;
}
