import { chatHtml } from './chat-text.ts';
import { attr, html, type SafeHtml } from './html.ts';
import { csrfField } from './layout.ts';
import { problemFor, type ViewContext } from './view-context.ts';

/** Form pieces shared by the sandbox's forms: labelled fields with their error beside them. */

export const REPLY_MAX = 40_000;

/** A form that could not be stored is shown again with its message id, so sending it again counts once. */
export function formStart(view: ViewContext, formId: string, action: string, target: string): SafeHtml {
  const eventId = problemFor(view, formId)?.values.eventId ?? view.nextId();
  return html`<form id="${formId}" method="post" action="${action}" hx-post="${action}" hx-target="#${target}" hx-select="#${target}" hx-swap="outerHTML">
${csrfField(view.csrf)}<input type="hidden" name="eventId" value="${eventId}">`;
}

export function textArea(
  view: ViewContext,
  formId: string,
  options: { name: string; label: string; value?: string; rows?: number; hint?: string; maxLength?: number },
): SafeHtml {
  const problem = problemFor(view, formId);
  const error = problem?.field === options.name ? problem.message : null;
  const id = `${formId}-${options.name}`;
  const value = problem ? (problem.values[options.name] ?? '') : (options.value ?? '');
  const describedBy = [options.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field${error ? ' has-error' : ''}">
<label for="${id}">${options.label}</label>
${options.hint ? html`<p class="hint" id="${id}-hint">${options.hint}</p>` : ''}
${error ? html`<p class="field-error" id="${id}-error" role="alert">${chatHtml(error)}</p>` : ''}
<textarea id="${id}" name="${options.name}" rows="${options.rows ?? 3}" maxlength="${options.maxLength ?? REPLY_MAX}" required${attr('aria-invalid="true"', error !== null)}${describedBy ? html` aria-describedby="${describedBy}"` : ''}>${value}</textarea>
</div>`;
}

export function fieldError(view: ViewContext, formId: string, field: string): SafeHtml {
  const problem = problemFor(view, formId);
  if (!problem || problem.field !== field) return html``;
  return html`<p class="field-error" id="${formId}-${field}-error" role="alert">${chatHtml(problem.message)}</p>`;
}
