import type { Context, Hono, MiddlewareHandler } from 'hono';
import { stream } from 'hono/streaming';
import { describeReminders } from '../../../src/core/consultation/send-reminders.ts';
import { isAgoraError, isUserError, messageForUser } from '../../../src/core/errors.ts';
import type { ProgrammeRecord, QuestionRecord } from '../../../src/core/records.ts';
import type { WebEnv, WebServices } from '../context.ts';
import { type FormFields, formOf } from '../inbound/form-data.ts';
import { createActivityHook } from '../transport/activity.ts';
import { peerOf } from '../transport/security/access.ts';
import { activityStream } from '../transport/sse.ts';
import { type FlashMessage, FlashStore } from './flash.ts';
import { registerLogin } from './login.ts';
import { dashboardNotFound, dashboardPage, overviewPage, programmePage, questionPage } from './pages.ts';
import { questionPath, statsView } from './stats-view.ts';

/** The organisers' dashboard and its small JSON API, behind the access rule in security/access.ts. */

function gate(): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    const path = c.req.path;
    if (path === '/dashboard/login' || path === '/dashboard/logout' || c.get('access') !== null) return next();
    if (path.startsWith('/dashboard/api/') || path === '/dashboard/events' || c.req.method !== 'GET') {
      c.header('WWW-Authenticate', 'Bearer realm="agora-dashboard"');
      return c.json(
        { error: 'Sign in first: send ORGANISER_API_TOKEN as a bearer token, or use /dashboard/login.' },
        401,
      );
    }
    return c.redirect(`/dashboard/login?next=${encodeURIComponent(path)}`, 303);
  };
}

export function registerDashboard(app: Hono<WebEnv>, services: WebServices): void {
  const { consultation } = services.options;
  const { read, organisers } = consultation;
  const flash = new FlashStore();
  const activity = createActivityHook(services);
  const takeFlash = (c: Context<WebEnv>) => flash.take(c.get('session').sid);

  app.use('/dashboard', gate());
  app.use('/dashboard/*', gate());
  registerLogin(app, services);

  async function programmeOf(c: Context<WebEnv>): Promise<ProgrammeRecord | null> {
    return organisers.programmeBySlug(c.req.param('slug') ?? '');
  }
  async function questionOf(programme: ProgrammeRecord, c: Context<WebEnv>): Promise<QuestionRecord | null> {
    const question = await organisers.questionByKey(programme.id, c.req.param('key') ?? '');
    return question && question.status !== 'archived' ? question : null;
  }
  const unknownProgramme = (c: Context<WebEnv>) =>
    dashboardNotFound(c, services, `There is no programme "${c.req.param('slug')}".`);
  const unknownQuestion = (c: Context<WebEnv>, programme: ProgrammeRecord) =>
    dashboardNotFound(c, services, `${programme.title} has no question "${c.req.param('key')}".`);

  app.get('/dashboard', (c) => overviewPage(c, services, takeFlash(c)));
  app.get('/dashboard/', (c) => c.redirect('/dashboard', 301));
  app.get('/dashboard/events', (c) => activityStream(c, services.bus, (a) => a.kind !== 'notice'));

  app.get('/dashboard/programmes/:slug', async (c) => {
    const programme = await programmeOf(c);
    return programme ? programmePage(c, services, programme, takeFlash(c)) : unknownProgramme(c);
  });

  app.get('/dashboard/programmes/:slug/questions/:key', async (c) => {
    const programme = await programmeOf(c);
    if (!programme) return unknownProgramme(c);
    const question = await questionOf(programme, c);
    return question ? questionPage(c, services, programme, question, takeFlash(c)) : unknownQuestion(c, programme);
  });

  /** The live fragment: one question's counts, fetched again when the event stream says they changed. */
  app.get('/dashboard/programmes/:slug/questions/:key/stats', async (c) => {
    const programme = await programmeOf(c);
    if (!programme) return unknownProgramme(c);
    const question = await questionOf(programme, c);
    if (!question) return unknownQuestion(c, programme);
    const view = statsView(await organisers.questionStats(programme, question), c.req.query('full') ? 'h1' : 'h3');
    return c.html(dashboardPage(c, services, question.key, view));
  });

  const actor = (c: Context<WebEnv>) => `dashboard:${c.get('access')}`;
  const from = (c: Context<WebEnv>) => peerOf(c)?.socket.remoteAddress ?? 'unknown';

  type ActionOutcome = {
    text: string;
    detail: Record<string, unknown>;
    details?: string[];
    insist?: FlashMessage['insist'];
  };
  const questionAction = (
    name: 'open' | 'close' | 'remind' | 'remind-under-heard',
    run: (question: QuestionRecord, form: FormFields, programme: ProgrammeRecord) => Promise<ActionOutcome>,
  ) =>
    app.post(`/dashboard/programmes/:slug/questions/:key/${name}`, async (c) => {
      const programme = await programmeOf(c);
      if (!programme) return unknownProgramme(c);
      const question = await questionOf(programme, c);
      if (!question) return unknownQuestion(c, programme);
      const sid = c.get('session').sid;
      try {
        const outcome = await run(question, await formOf(c), programme);
        await organisers.recordAction({
          programmeId: programme.id,
          actor: actor(c),
          action: `dashboard.${name}`,
          detail: { question: question.key, from: from(c), ...outcome.detail },
        });
        await activity({ kind: 'question', questionId: question.id });
        flash.put(sid, {
          text: outcome.text,
          tone: 'ok',
          ...(outcome.details ? { details: outcome.details } : {}),
          ...(outcome.insist ? { insist: outcome.insist } : {}),
        });
      } catch (error) {
        if (!isAgoraError(error))
          consultation.logger.error({ err: error, question: question.key }, `dashboard ${name} failed`);
        flash.put(sid, { text: messageForUser(error), tone: 'problem' });
      }
      const back = c.req.header('referer')?.includes(questionPath(programme.slug, question.key))
        ? questionPath(programme.slug, question.key)
        : `/dashboard/programmes/${programme.slug}`;
      return c.redirect(back, 303);
    });

  questionAction('open', async (question) => {
    const outcome = await organisers.openQuestion(question.id);
    return {
      text: `Opened "${question.key}": posted to ${outcome.posted.length} channel(s)${outcome.alreadyPosted.length ? `, already in ${outcome.alreadyPosted.length}` : ''}.`,
      detail: { posted: outcome.posted, alreadyPosted: outcome.alreadyPosted, failed: outcome.failed },
      details: outcome.failed.map((f) => `Could not post to ${f.channel}: ${f.error}`),
    };
  });
  questionAction('close', async (question) => {
    const outcome = await organisers.closeQuestion(question.id);
    return {
      text: `Closed "${question.key}"; results shown in ${outcome.updated} posting(s).`,
      detail: { ...outcome },
    };
  });
  const remind =
    (name: 'remind' | 'remind-under-heard') =>
    async (question: QuestionRecord, form: FormFields, programme: ProgrammeRecord): Promise<ActionOutcome> => {
      const policy = services.options.reminders ?? null;
      const anyway = form.get('anyway') === '1';
      const underHeard = name === 'remind-under-heard';
      const outcome = await organisers.sendReminders(question.id, policy, { anyway, underHeard });
      const path = `${questionPath(programme.slug, question.key)}/${name}`;
      return {
        text: describeReminders(outcome, policy),
        detail: { anyway, underHeard, ...outcome },
        ...(outcome.quietUntil
          ? { insist: { action: path, label: 'Send anyway' } }
          : outcome.recentlyReminded
            ? { insist: { action: path, label: 'Remind them too' } }
            : {}),
      };
    };
  questionAction('remind', remind('remind'));
  questionAction('remind-under-heard', remind('remind-under-heard'));

  app.post('/dashboard/programmes/reload', async (c) => {
    const files = services.options.programmeFiles;
    const name = (await formOf(c)).get('file') ?? '';
    const sid = c.get('session').sid;
    if (!files || !(await files.list()).includes(name)) {
      flash.put(sid, { text: `There is no programme file "${name}" to re-load.`, tone: 'problem' });
      return c.redirect('/dashboard', 303);
    }
    const result = await files.reload(name);
    const programme = result.slug ? await organisers.programmeBySlug(result.slug) : null;
    await organisers.recordAction({
      programmeId: programme?.id ?? null,
      actor: actor(c),
      action: 'dashboard.reload',
      detail: { file: name, summary: result.summary, problems: result.problems.length, from: from(c) },
    });
    await activity({ kind: 'programme' });
    flash.put(sid, {
      text: result.summary,
      tone: result.problems.length ? 'problem' : 'ok',
      details: result.problems,
    });
    return c.redirect(
      programme && !result.problems.length ? `/dashboard/programmes/${programme.slug}` : '/dashboard',
      303,
    );
  });

  /** A digest file, through the dashboard's own sign-in, from the same exporter as the API route. */
  app.get('/dashboard/programmes/:slug/digests/:file', async (c) => {
    const catalogue = services.options.digests;
    const match = /^([^.]+)\.([a-z0-9]+)$/i.exec(c.req.param('file'));
    if (!catalogue || !match) return dashboardNotFound(c, services, 'There is no such digest file.');
    try {
      const file = await catalogue.exportFile({
        programme: c.req.param('slug'),
        week: match[1],
        format: match[2] as string,
        ...(c.req.query('file') ? { file: c.req.query('file') } : {}),
      });
      const ascii = file.name.replace(/[^A-Za-z0-9._-]/g, '_');
      c.header('Content-Type', file.mediaType);
      c.header('Content-Disposition', `attachment; filename="${ascii}"`);
      return stream(c, async (out) => {
        for await (const chunk of file.chunks) await out.write(chunk);
      });
    } catch (error) {
      if (isUserError(error)) return dashboardNotFound(c, services, error.message);
      throw error;
    }
  });

  app.get('/dashboard/api/programmes', async (c) => {
    const programmes = await read.programmes();
    return c.json(
      await Promise.all(
        programmes.map(async (p) => ({
          slug: p.slug,
          title: p.title,
          questions: await Promise.all(
            (await read.questionsOf(p.id)).map(async (q) => {
              const s = await organisers.questionStats(p, q);
              return {
                key: q.key,
                kind: q.kind,
                status: q.status,
                opensAt: q.opensAt,
                closesAt: q.closesAt,
                replies: s.replies,
                privateAnswers: s.privateAnswers,
                voters: s.voters,
              };
            }),
          ),
        })),
      ),
    );
  });

  app.get('/dashboard/api/audit', async (c) => c.json(await organisers.auditLog(null, 100)));
}
