import type { Hono } from 'hono';
import type { WebEnv, WebServices } from '../context.ts';
import { CHANNEL_NAME, loadChannel } from '../outbound/channel-data.ts';
import { chatHtml } from '../outbound/chat-text.ts';
import { html } from '../outbound/html.ts';
import { page } from '../outbound/layout.ts';
import { questionView } from '../outbound/question-view.ts';
import { findChannel, renderChannel, renderIndex, sandboxNotFound, viewContext } from '../outbound/render.ts';
import { saveSession } from '../transport/security/middleware.ts';
import { activityStream } from '../transport/sse.ts';
import { registerSandboxActions } from './actions.ts';
import { formOf, safeBack } from './form-data.ts';
import { checkName, rememberName, visitorOf } from './identity.ts';
import { registerReviewActions } from './review-actions.ts';
import { registerStatementActions } from './statement-actions.ts';

/** The sandbox's pages: channels, a question's own page, private notices, files and the live event stream. */
export function registerSandbox(app: Hono<WebEnv>, services: WebServices): void {
  app.get('/sandbox', (c) => renderIndex(c, services));
  app.get('/sandbox/', (c) => c.redirect('/sandbox', 301));

  app.get('/sandbox/events', (c) => activityStream(c, services.bus));

  app.get('/sandbox/channels/:channel', async (c) => {
    const name = c.req.param('channel');
    const channel = CHANNEL_NAME.test(name) ? await findChannel(services, name) : undefined;
    if (!channel) return sandboxNotFound(c, `There is no sandbox channel called "${name}".`);
    return renderChannel(c, services, channel);
  });

  app.get('/sandbox/channels/:channel/questions/:questionId', async (c) => {
    const name = c.req.param('channel');
    const channel = CHANNEL_NAME.test(name) ? await findChannel(services, name) : undefined;
    if (!channel) return sandboxNotFound(c, `There is no sandbox channel called "${name}".`);
    const view = viewContext(c, channel.placeholder);
    const item = (await loadChannel(services, channel, view.visitor)).find(
      (i) => i.type === 'question' && i.question.id === c.req.param('questionId'),
    );
    if (item?.type !== 'question')
      return sandboxNotFound(c, `That question has not been posted in #${channel.placeholder}.`);
    return c.html(
      page({
        title: item.question.prompt.slice(0, 80),
        csrf: view.csrf,
        section: 'sandbox',
        sandboxOn: true,
        events: '/sandbox/events',
        body: html`<main id="main"><p><a href="/sandbox/channels/${channel.placeholder}">Back to #${channel.placeholder}</a></p>${questionView(item, view)}</main>`,
      }).value,
    );
  });

  app.get('/sandbox/notices', (c) => {
    const visitor = visitorOf(c);
    const notices = visitor ? services.platform.notices(visitor.userId) : [];
    return c.html(
      page({
        title: 'Only visible to you',
        csrf: c.get('csrf'),
        section: 'sandbox',
        sandboxOn: true,
        body: html`<main id="main"><h1>Only visible to you</h1>${
          visitor
            ? html`<ol class="notices-list">${notices.map((n) => html`<li class="notice"><p>${chatHtml(n.text)}</p></li>`)}</ol>`
            : html`<p><a href="/sandbox">Pick a name</a> first.</p>`
        }</main>`,
      }).value,
    );
  });

  app.get('/sandbox/files/:id', (c) => {
    const file = services.platform.file(c.req.param('id'), visitorOf(c)?.userId ?? null);
    if (!file) return sandboxNotFound(c, 'That file is not here (files last until Agora restarts).');
    const safeName = file.name.replace(/[^A-Za-z0-9._-]/g, '_');
    c.header('Content-Disposition', `attachment; filename="${safeName}"`);
    c.header('Content-Type', safeName.endsWith('.json') ? 'application/json' : 'application/octet-stream');
    return c.body(typeof file.content === 'string' ? file.content : new Uint8Array(file.content));
  });

  app.post('/sandbox/identity', async (c) => {
    const form = await formOf(c);
    const back = safeBack(form.get('back'), '/sandbox', '/sandbox');
    const checked = checkName(form.get('name'));
    if ('error' in checked) {
      const problem = {
        formId: 'identity',
        field: 'name',
        message: checked.error,
        values: { name: form.get('name') ?? '' },
      };
      const channelName = /^\/sandbox\/channels\/([^/?#]+)/.exec(back)?.[1];
      const channel = channelName ? await findChannel(services, channelName) : undefined;
      return channel ? renderChannel(c, services, channel, problem, 422) : renderIndex(c, services, problem);
    }
    rememberName(c, checked.name);
    return c.redirect(back, 303);
  });

  app.post('/sandbox/identity/organiser', async (c) => {
    const form = await formOf(c);
    const back = safeBack(form.get('back'), '/sandbox', '/sandbox');
    const on = form.get('mode') === 'on';
    if (on && c.get('access') === null) {
      return c.html(
        page({
          title: 'Organisers only',
          csrf: c.get('csrf'),
          section: 'sandbox',
          sandboxOn: true,
          body: html`<main id="main" class="narrow"><h1>Organisers only</h1><p>Acting as an organiser in the sandbox needs organiser access: open Agora from this machine, or <a href="/dashboard/login">sign in</a> first.</p><p><a href="${back}">Back</a></p></main>`,
        }).value,
        403,
      );
    }
    saveSession(c, services, { ...c.get('session'), sandboxOrganiser: on });
    return c.redirect(back, 303);
  });

  app.post('/sandbox/notices/dismiss', async (c) => {
    const form = await formOf(c);
    const visitor = visitorOf(c);
    if (visitor) services.platform.dismissNotices(visitor.userId);
    return c.redirect(safeBack(form.get('back'), '/sandbox', '/sandbox'), 303);
  });

  registerSandboxActions(app, services);
  registerStatementActions(app, services);
  registerReviewActions(app, services);
}
