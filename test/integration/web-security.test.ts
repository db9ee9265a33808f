import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startWebSandbox, WebClient } from '../support/web-driver.ts';

/** The dashboard's access rule, sign-in, CSRF protection and security headers, over real HTTP. */

const TOKEN = 'organiser-token-for-tests-0123456789';
const REMOTE = { 'x-forwarded-for': '203.0.113.7' };

describe('web security', () => {
  let sandbox: Awaited<ReturnType<typeof startWebSandbox>>;
  afterEach(async () => sandbox?.stop());

  it('sends a strict Content-Security-Policy and the other security headers on every page', async () => {
    sandbox = await startWebSandbox();
    const client = new WebClient(sandbox.base);
    for (const path of ['/', '/sandbox', '/sandbox/channels/staffroom', '/dashboard', '/dashboard/login', '/nowhere']) {
      const page = await client.request(path);
      const csp = page.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("style-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("default-src 'none'");
      expect(csp, path).not.toContain('unsafe');
      expect(page.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(page.headers.get('referrer-policy'), path).toBe('same-origin');
      // No inline script or style for the policy to block: every script has a src, no style attribute or element.
      expect(page.text, path).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
      expect(page.text, path).not.toMatch(/\sstyle="|<style/);
      expect(page.text, path).not.toMatch(/\son[a-z]+="/);
    }
  });

  it('serves htmx and its own script from this server', async () => {
    sandbox = await startWebSandbox();
    const client = new WebClient(sandbox.base);
    const htmx = await client.request('/assets/htmx.min.js');
    expect(htmx.status).toBe(200);
    expect(htmx.headers.get('content-type')).toContain('javascript');
    expect(htmx.text).toContain('htmx');
    expect((await client.request('/assets/agora.js')).status).toBe(200);
    expect((await client.request('/assets/../index.ts')).status).toBe(404);
  });

  it('refuses a state-changing request without the session CSRF token, with a forged one or from another site', async () => {
    sandbox = await startWebSandbox();
    const alice = new WebClient(sandbox.base);
    const eve = new WebClient(sandbox.base);
    await alice.request('/sandbox');
    await eve.request('/sandbox');
    const name = { name: 'Alice', back: '/sandbox' };
    expect((await alice.request('/sandbox/identity', { form: name })).status).toBe(403);
    expect((await alice.request('/sandbox/identity', { form: { ...name, _csrf: 'forged-token' } })).status).toBe(403);
    expect((await alice.request('/sandbox/identity', { form: { ...name, _csrf: eve.csrf } })).status).toBe(403);
    const crossSite = await alice.request('/sandbox/identity', {
      form: { ...name, _csrf: alice.csrf },
      headers: { origin: 'https://evil.example' },
    });
    expect(crossSite.status).toBe(403);
    expect(alice.cookies.has('agora_sandbox_people')).toBe(false);
    // The htmx header carries the same token.
    const viaHeader = await alice.request('/sandbox/identity', { form: name, headers: { 'x-csrf-token': alice.csrf } });
    expect(viaHeader.status).toBe(303);
    expect((await alice.post('/sandbox/identity', name)).status).toBe(303);
  });

  it('refuses a forged dashboard action with 403 and changes nothing', async () => {
    sandbox = await startWebSandbox();
    const organiser = new WebClient(sandbox.base);
    await organiser.request('/dashboard');
    const refused = await organiser.request('/dashboard/programmes/staff-voice/questions/q-open/open', {
      form: { _csrf: `${organiser.csrf}x` },
    });
    expect(refused.status).toBe(403);
    expect((await sandbox.question('q-open')).status).toBe('scheduled');
    const done = await organiser.post('/dashboard/programmes/staff-voice/questions/q-open/open', {});
    expect(done.status).toBe(303);
    expect((await sandbox.question('q-open')).status).toBe('open');
    const [audit] = await sandbox.store.audit.list(null, 5);
    expect(audit).toMatchObject({ actor: 'dashboard:local', action: 'dashboard.open' });
  });

  it('opens the dashboard from this machine without signing in', async () => {
    sandbox = await startWebSandbox();
    const local = new WebClient(sandbox.base);
    const page = await local.request('/dashboard');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Staff voice');
    expect((await local.request('/dashboard/api/programmes')).status).toBe(200);
  });

  it('asks for a sign-in off localhost: behind a proxy, or under a non-local Host name', async () => {
    sandbox = await startWebSandbox({ organiserToken: TOKEN });
    const remote = new WebClient(sandbox.base, REMOTE);
    const page = await remote.request('/dashboard/programmes/staff-voice');
    expect(page.status).toBe(303);
    expect(page.location).toBe('/dashboard/login?next=%2Fdashboard%2Fprogrammes%2Fstaff-voice');
    expect(page.text).not.toContain('Staff voice');
    const api = await remote.request('/dashboard/api/programmes');
    expect(api.status).toBe(401);
    expect(api.headers.get('www-authenticate')).toContain('Bearer');
    expect((await remote.request('/dashboard/events')).status).toBe(401);
    const action = await remote.post('/dashboard/programmes/staff-voice/questions/q-open/open', {});
    expect(action.status).toBe(401);
    expect((await sandbox.question('q-open')).status).toBe('scheduled');
    // DNS rebinding: a loopback peer, but a page of another site's name (fetch cannot set Host, node:http can).
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const url = new URL('/dashboard', sandbox.base);
      request(url, { headers: { host: 'attacker.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      })
        .on('error', reject)
        .end();
    });
    expect(status).toBe(303);
  });

  it('signs an organiser in with the token: a new HttpOnly, SameSite session cookie, Secure behind TLS', async () => {
    sandbox = await startWebSandbox({ organiserToken: TOKEN });
    const remote = new WebClient(sandbox.base, REMOTE);
    const login = await remote.request('/dashboard/login?next=/dashboard/programmes/staff-voice');
    expect(login.text).toContain('name="password"');
    const before = remote.cookies.get('agora_session');
    const wrong = await remote.post('/dashboard/login', { password: 'not-the-token', next: '/dashboard' });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('That is not the organiser token');
    expect(wrong.text).toContain('aria-invalid="true"');
    const ok = await remote.request('/dashboard/login', {
      form: { _csrf: remote.csrf, password: TOKEN, next: '/dashboard/programmes/staff-voice' },
    });
    expect(ok.status).toBe(303);
    expect(ok.location).toBe('/dashboard/programmes/staff-voice');
    const cookie = ok.headers.getSetCookie().find((c) => c.startsWith('agora_session=')) ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=(Lax|Strict)/i);
    expect(cookie).not.toMatch(/Secure/i);
    expect(remote.cookies.get('agora_session')).not.toBe(before);
    expect((await remote.request('/dashboard/programmes/staff-voice')).status).toBe(200);

    const overTls = new WebClient(sandbox.base, { ...REMOTE, 'x-forwarded-proto': 'https' });
    await overTls.request('/dashboard/login');
    const secure = await overTls.post('/dashboard/login', { password: TOKEN, next: '/dashboard' });
    expect(secure.headers.getSetCookie().find((c) => c.startsWith('agora_session='))).toMatch(/;\s*Secure/i);

    await remote.post('/dashboard/logout', {});
    expect((await remote.request('/dashboard')).status).toBe(303);
  });

  it('does not accept a tampered session cookie', async () => {
    sandbox = await startWebSandbox({ organiserToken: TOKEN });
    const remote = new WebClient(sandbox.base, REMOTE);
    await remote.request('/dashboard/login');
    await remote.post('/dashboard/login', { password: TOKEN, next: '/dashboard' });
    const [payload, signature] = (remote.cookies.get('agora_session') ?? '').split('.');
    const data = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...data, authUntil: Date.now() + 1e12 })).toString('base64url');
    remote.cookies.set('agora_session', `${forged}.${signature}`);
    expect((await remote.request('/dashboard')).status).toBe(303);
  });

  it('accepts the token as a bearer for the API, without CSRF, and refuses a wrong one', async () => {
    sandbox = await startWebSandbox({ organiserToken: TOKEN });
    const api = new WebClient(sandbox.base, { ...REMOTE, authorization: `Bearer ${TOKEN}` });
    const list = await api.request('/dashboard/api/programmes');
    expect(list.status).toBe(200);
    expect(JSON.parse(list.text)[0].slug).toBe('staff-voice');
    const opened = await api.request('/dashboard/programmes/staff-voice/questions/q-open/open', { form: {} });
    expect(opened.status).toBe(303);
    const wrong = new WebClient(sandbox.base, { ...REMOTE, authorization: 'Bearer wrong-token-wrong-token' });
    expect((await wrong.request('/dashboard/api/programmes')).status).toBe(401);
  });

  it('says plainly that remote sign-in is off when no organiser token is set', async () => {
    sandbox = await startWebSandbox();
    const remote = new WebClient(sandbox.base, REMOTE);
    const page = await remote.request('/dashboard/login');
    expect(page.text).toContain('ORGANISER_API_TOKEN');
    expect(
      (await remote.post('/dashboard/login', { password: 'anything-at-all-here', next: '/dashboard' })).status,
    ).toBe(401);
    expect((await remote.request('/dashboard')).status).toBe(303);
  });

  it('slows down guessing: after ten wrong tokens, sign-in waits', async () => {
    sandbox = await startWebSandbox({ organiserToken: TOKEN });
    const remote = new WebClient(sandbox.base, REMOTE);
    await remote.request('/dashboard/login');
    for (let i = 0; i < 10; i++) await remote.post('/dashboard/login', { password: `guess-${i}`, next: '/dashboard' });
    expect((await remote.post('/dashboard/login', { password: TOKEN, next: '/dashboard' })).status).toBe(429);
  });

  it('lets only visitors with organiser access act as organisers in the sandbox', async () => {
    sandbox = await startWebSandbox({ organiserToken: TOKEN });
    const remote = new WebClient(sandbox.base, REMOTE);
    await remote.post('/sandbox/identity', { name: 'Mallory', back: '/sandbox' });
    expect((await remote.post('/sandbox/identity/organiser', { mode: 'on', back: '/sandbox' })).status).toBe(403);
    const local = new WebClient(sandbox.base);
    await local.post('/sandbox/identity', { name: 'Olive', back: '/sandbox' });
    expect((await local.post('/sandbox/identity/organiser', { mode: 'on', back: '/sandbox' })).status).toBe(303);
  });
});
