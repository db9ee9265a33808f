import { type HtmlValue, html, type SafeHtml } from './html.ts';

/** The page shell every page shares: landmarks, skip link, navigation, scripts from this server only. */

export interface PageOptions {
  title: string;
  csrf: string;
  section: 'start' | 'sandbox' | 'dashboard';
  sandboxOn: boolean;
  /** Server-sent events this page listens to for live updates. */
  events?: string;
  /** Extra content in the banner (the sandbox's "who are you" form). */
  banner?: HtmlValue;
  body: HtmlValue;
}

const HTMX_CONFIG = JSON.stringify({
  includeIndicatorStyles: false,
  allowEval: false,
  allowScriptTags: false,
  scrollIntoViewOnBoost: false,
  responseHandling: [
    { code: '204', swap: false },
    { code: '[23]..', swap: true },
    { code: '422', swap: true },
    { code: '[45]..', swap: false, error: true },
  ],
});

function navLink(href: string, label: string, current: boolean): SafeHtml {
  return html`<li><a href="${href}"${current ? html` aria-current="page"` : ''}>${label}</a></li>`;
}

export function page(options: PageOptions): SafeHtml {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="htmx-config" content="${HTMX_CONFIG}">
<title>${options.title} · Agora</title>
<link rel="stylesheet" href="/assets/agora.css">
<script src="/assets/htmx.min.js" defer></script>
<script src="/assets/agora.js" defer></script>
</head>
<body hx-headers="${JSON.stringify({ 'X-CSRF-Token': options.csrf })}"${options.events ? html` data-events="${options.events}"` : ''}>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header">
  <a class="brand" href="/">Agora</a>
  <nav aria-label="Site">
    <ul>
      ${navLink('/', 'Start', options.section === 'start')}
      ${options.sandboxOn ? navLink('/sandbox', 'Sandbox', options.section === 'sandbox') : ''}
      ${navLink('/dashboard', 'Dashboard', options.section === 'dashboard')}
    </ul>
  </nav>
  ${options.banner ?? ''}
</header>
${options.body}
<footer class="site-footer"><p>Agora: structured consultations in the chat tools people already use.</p></footer>
</body>
</html>`;
}

/** A hidden CSRF field for plain forms. */
export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}

export function notFoundBody(what: string, back: { href: string; label: string }): SafeHtml {
  return html`<main id="main" class="narrow">
  <h1>Not found</h1>
  <p>${what}</p>
  <p><a href="${back.href}">${back.label}</a></p>
</main>`;
}
