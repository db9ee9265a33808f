import type { InboundHealth } from '../../../src/core/inbound/inbound-health.ts';
import { formatWhen, shorten } from '../outbound/format.ts';
import { html } from '../outbound/html.ts';

/**
 * What Agora received and has not applied: pending events (applied within seconds) and parked ones, which failed
 * repeatedly and wait for an operator to fix the cause and retry them. Nothing a person wrote is shown here.
 */
export function inboundSection(health: InboundHealth) {
  return html`<section id="inbound" aria-labelledby="inbound-title">
<h2 id="inbound-title">Received and not yet applied</h2>
<p>${health.pending} pending, ${health.parked} parked, ${health.applied} applied in the last week.</p>
${
  health.parkedEvents.length
    ? html`<table class="inbound"><caption class="visually-hidden">Parked events, oldest first</caption>
<thead><tr><th scope="col">Id</th><th scope="col">Received</th><th scope="col">What</th><th scope="col">Tries</th><th scope="col">Error</th></tr></thead>
<tbody>${health.parkedEvents.map(
        (e) =>
          html`<tr><td>${e.id}</td><td><time datetime="${e.receivedAt.toISOString()}">${formatWhen(e.receivedAt, 'UTC')}</time></td><td>${e.kind}<br><span class="hint">${e.key}</span></td><td>${e.attempts}</td><td><code>${shorten(e.error, 300)}</code></td></tr>`,
      )}</tbody></table>
<p class="hint">Parked events are kept, never dropped. Once the cause is fixed, put them back with <code>agora inbox retry</code> (all) or <code>agora inbox retry ID</code>; <code>agora inbox list --parked</code> lists them.</p>`
    : html`<p class="empty">No parked events: everything received has been applied or is on its way.</p>`
}
</section>`;
}
