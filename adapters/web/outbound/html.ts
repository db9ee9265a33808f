import { escapeHtml } from '../../../src/core/digest/format-escaping.ts';

/** Escaped HTML templates: every interpolated value is escaped unless it is already `SafeHtml`. */

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | HtmlValue[];

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false || value === true) return '';
  return escapeHtml(String(value));
}

/** `html\`<p>${text}</p>\``: text is escaped; nested templates and arrays of them are kept as they are. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Markup that is known to be safe (constant strings, already-escaped output). */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** An attribute only when the condition holds, e.g. `${attr('checked', isChosen)}`. */
export function attr(name: string, on: boolean): SafeHtml {
  return new SafeHtml(on ? ` ${name}` : '');
}
