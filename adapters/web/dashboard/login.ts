import type { Context, Hono } from 'hono';
import type { WebEnv, WebServices } from '../context.ts';
import { formOf, safeBack } from '../inbound/form-data.ts';
import { html } from '../outbound/html.ts';
import { csrfField, page } from '../outbound/layout.ts';
import { peerOf, SignInThrottle } from '../transport/security/access.ts';
import { saveSession } from '../transport/security/middleware.ts';
import { SIGN_IN_LIFETIME_MS, tokenMatches } from '../transport/security/session.ts';

/** Signing in off localhost: ORGANISER_API_TOKEN typed into a form gives a signed, HttpOnly session cookie. */

function loginPage(c: Context<WebEnv>, services: WebServices, next: string, error: string | null) {
  const configured = Boolean(services.options.organiserToken);
  const body = html`<main id="main" class="narrow">
<h1>Organisers: sign in</h1>
${
  configured
    ? html`<p>The dashboard is open without signing in only on the machine Agora runs on. From elsewhere, sign in with the organiser token (ORGANISER_API_TOKEN).</p>
<form method="post" action="/dashboard/login">${csrfField(c.get('csrf'))}<input type="hidden" name="next" value="${next}">
<div class="field${error ? ' has-error' : ''}"><label for="login-password">Organiser token</label>
${error ? html`<p class="field-error" id="login-password-error" role="alert">${error}</p>` : ''}
<input id="login-password" name="password" type="password" autocomplete="current-password" required${error ? html` aria-invalid="true" aria-describedby="login-password-error"` : ''}></div>
<div class="actions"><button type="submit">Sign in</button></div></form>`
    : html`<p>The dashboard can only be opened from the machine Agora runs on, because no organiser token is set. To allow signing in from elsewhere, set ORGANISER_API_TOKEN (16 characters or more) and restart Agora.</p>`
}
</main>`;
  return page({
    title: 'Sign in',
    csrf: c.get('csrf'),
    section: 'dashboard',
    sandboxOn: services.options.sandbox,
    body,
  }).value;
}

export function registerLogin(app: Hono<WebEnv>, services: WebServices): void {
  const throttle = new SignInThrottle();
  const nextOf = (value: string | undefined) => safeBack(value, '/dashboard', '/dashboard');

  app.get('/dashboard/login', (c) => c.html(loginPage(c, services, nextOf(c.req.query('next')), null)));

  app.post('/dashboard/login', async (c) => {
    const form = await formOf(c);
    const next = nextOf(form.get('next'));
    const client = peerOf(c)?.socket.remoteAddress ?? 'unknown';
    const now = Date.now();
    if (!throttle.allowed(client, now))
      return c.html(loginPage(c, services, next, 'Too many attempts. Wait a quarter of an hour and try again.'), 429);
    if (!tokenMatches(form.get('password'), services.options.organiserToken)) {
      throttle.failed(client, now);
      return c.html(loginPage(c, services, next, 'That is not the organiser token. Check it and try again.'), 401);
    }
    throttle.succeeded(client);
    // A new session id on sign-in, so a session planted before it is worth nothing after.
    const fresh = services.sessions.fresh(now);
    saveSession(c, services, { ...fresh, authUntil: now + SIGN_IN_LIFETIME_MS });
    await services.options.consultation.organisers.recordAction({
      programmeId: null,
      actor: 'dashboard:session',
      action: 'dashboard.sign_in',
      detail: { from: client },
    });
    return c.redirect(next, 303);
  });

  app.post('/dashboard/logout', (c) => {
    saveSession(c, services, services.sessions.fresh(Date.now()));
    return c.redirect('/dashboard/login', 303);
  });
}
