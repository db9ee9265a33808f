import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allExportFormats } from '../../adapters/exports/all-formats.ts';
import { DIGEST_ROUTE_PREFIX, digestExportRoute, tokenMatches } from '../../adapters/http/digest-route.ts';
import { HttpServer } from '../../adapters/http/server.ts';
import { exportOne } from '../../src/core/digest/prepare-export.ts';
import { silentLogger } from '../../src/core/ports/logger.ts';
import { DIGEST_WEEK, digestFixture } from '../support/digest-fixture.ts';

const TOKEN = 'organiser-token-0123456789';

describe('GET /api/programmes/:slug/digests/:week.:format', () => {
  let f: Awaited<ReturnType<typeof digestFixture>>;
  let http: HttpServer;
  let base: string;

  beforeAll(async () => {
    f = await digestFixture();
    const formats = allExportFormats();
    http = new HttpServer(silentLogger);
    http.mount(
      DIGEST_ROUTE_PREFIX,
      digestExportRoute({ token: TOKEN, exportFile: (request) => exportOne(f.deps, formats, request) }),
    );
    base = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
  }, 120_000);
  afterAll(async () => {
    await http.close();
    await f.close();
  });

  const get = (path: string, token: string | null = TOKEN) =>
    fetch(`${base}${path}`, { headers: token === null ? {} : { authorization: `Bearer ${token}` } });

  it('refuses requests without the organiser token, or with a wrong one (401)', async () => {
    const none = await get(`/api/programmes/staff-voice/digests/${DIGEST_WEEK}.html`, null);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toContain('Bearer');
    expect((await get(`/api/programmes/staff-voice/digests/${DIGEST_WEEK}.html`, 'wrong')).status).toBe(401);
    expect((await get(`/api/programmes/nope/digests/${DIGEST_WEEK}.html`, `${TOKEN}x`)).status).toBe(401);
    const text = await (await get(`/api/programmes/staff-voice/digests/${DIGEST_WEEK}.html`, null)).text();
    expect(text).not.toContain('Staff voice');
  });

  it('compares tokens whole, whatever their length', () => {
    expect(tokenMatches(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(tokenMatches(`bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(tokenMatches(`Bearer ${TOKEN.slice(0, -1)}`, TOKEN)).toBe(false);
    expect(tokenMatches(TOKEN, TOKEN)).toBe(false);
    expect(tokenMatches(`Bearer ${TOKEN}`, undefined)).toBe(false);
    expect(tokenMatches(undefined, TOKEN)).toBe(false);
  });

  it('sends the digest in each format (200), one file of a several-file format on request', async () => {
    const html = await get(`/api/programmes/staff-voice/digests/${DIGEST_WEEK}.html`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await html.text()).toContain('Staff voice: weekly digest, 2026-W50');
    const json = await get(`/api/programmes/staff-voice/digests/${DIGEST_WEEK}.json`);
    expect(((await json.json()) as { schemaVersion: number }).schemaVersion).toBe(2);
    const responses = await get(`/api/programmes/staff-voice/digests/${DIGEST_WEEK}.csv`);
    expect(responses.headers.get('content-disposition')).toContain('staff-voice-2026-W50-responses.csv');
    expect(await responses.text()).toContain('question,response_id');
    const votes = await get(`/api/programmes/staff-voice/digests/${DIGEST_WEEK}.csv?file=votes.csv`);
    expect(await votes.text()).toContain('question,participant,subject');
    const polis = await get(`/api/programmes/staff-voice/digests/${DIGEST_WEEK}.polis?file=participants-votes.csv`);
    expect((await polis.text()).split('\r\n')[0]).toBe(
      'participant,group-id,n-comments,n-votes,n-agree,n-disagree,0,1,2,3',
    );
    const xlsx = await get(`/api/programmes/staff-voice/digests/${DIGEST_WEEK}.xlsx`);
    expect(xlsx.status).toBe(200);
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
  });

  it('answers 404 naming the valid values for an unknown programme, week, format or file', async () => {
    const programme = await get(`/api/programmes/nope/digests/${DIGEST_WEEK}.html`);
    expect(programme.status).toBe(404);
    expect(await programme.json()).toMatchObject({ field: 'programme', valid: ['staff-voice'] });
    const week = await get('/api/programmes/staff-voice/digests/2031-W01.html');
    expect(week.status).toBe(404);
    expect(await week.json()).toMatchObject({ field: 'week', valid: ['2026-W49', '2026-W50', '2026-W51'] });
    const format = await get(`/api/programmes/staff-voice/digests/${DIGEST_WEEK}.pdf`);
    expect(format.status).toBe(404);
    expect(await format.json()).toMatchObject({
      field: 'format',
      valid: ['markdown', 'html', 'json', 'csv', 'polis', 'xlsx'],
    });
    const file = await get(`/api/programmes/staff-voice/digests/${DIGEST_WEEK}.csv?file=nope.csv`);
    expect(await file.json()).toMatchObject({ field: 'file', valid: ['responses.csv', 'votes.csv'] });
    expect((await get('/api/programmes/staff-voice/elsewhere')).status).toBe(404);
  });
});
