import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { WebEnv, WebOptions, WebServices } from './context.ts';
import { registerDashboard } from './dashboard/routes.ts';
import { registerSandbox } from './inbound/routes.ts';
import { DealtStatements } from './outbound/dealt-statements.ts';
import { WebSandboxPlatform } from './outbound/platform.ts';
import { notFoundPage, startPage } from './outbound/start-page.ts';
import { type ActivityHook, createActivityHook } from './transport/activity.ts';
import { registerAssets } from './transport/assets.ts';
import { watchCounts } from './transport/count-watch.ts';
import { ActivityBus } from './transport/event-bus.ts';
import { csrfProtection, securityHeaders, sessionAndAccess } from './transport/security/middleware.ts';
import { SessionKeeper } from './transport/security/session.ts';

export type { ProgrammeFiles, WebOptions } from './context.ts';
export type { DigestCatalogue } from './dashboard/digests.ts';
export { WebSandboxPlatform } from './outbound/platform.ts';

/** Form posts larger than this are refused outright (a 40,000-character reply is far below it). */
const MAX_BODY_BYTES = 1024 * 1024;

export interface WebAdapter {
  /** The sandbox as a ChatPlatform, for the core's platform registry. */
  platform: WebSandboxPlatform;
  /** The Hono app: `/`, `/sandbox/*`, `/dashboard/*`, `/assets/*`. */
  app: Hono<WebEnv>;
  /** A Node request listener for the app, to mount on the one HTTP server. */
  listener: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  /** Path prefixes the listener serves. `/` also answers unknown paths with a 404 page. */
  prefixes: string[];
  /** Tell live pages that a question changed (another adapter recorded a response or a vote). */
  activity: ActivityHook;
  /** Stops the count watch that keeps live pages current with answers recorded elsewhere. */
  close(): void;
}

/** The third adapter: the local sandbox (a ChatPlatform rendered as web pages) and the organisers' dashboard. */
export function createWebAdapter(options: WebOptions): WebAdapter {
  const bus = new ActivityBus();
  const services: WebServices = {
    options,
    bus,
    platform: new WebSandboxPlatform(bus, options.publicUrl),
    dealt: new DealtStatements(),
    sessions: new SessionKeeper(options.organiserToken),
  };
  const app = new Hono<WebEnv>();
  app.use('*', securityHeaders());
  app.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => c.text('That form was too large to accept; nothing was saved.', 413),
    }),
  );
  app.use('*', sessionAndAccess(services));
  app.use('*', csrfProtection(services));
  registerAssets(app);
  app.get('/', (c) => startPage(c, services));
  if (options.sandbox) registerSandbox(app, services);
  registerDashboard(app, services);
  app.notFound((c) => notFoundPage(c, services));
  app.onError((error, c) => {
    options.consultation.logger.error({ err: error, path: c.req.path }, 'web request failed');
    return c.html(
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Error: Agora</title><link rel="stylesheet" href="/assets/agora.css"></head><body><main id="main"><h1>Something went wrong</h1><p>Nothing you did caused this; it has been logged. <a href="/">Back to the start page</a></p></main></body></html>',
      500,
    );
  });
  const watch = watchCounts(options.consultation.read, bus);
  return {
    close: () => watch.stop(),
    platform: services.platform,
    app,
    listener: getRequestListener(app.fetch),
    prefixes: ['/', '/sandbox', '/dashboard', '/assets'],
    activity: createActivityHook(services),
  };
}
