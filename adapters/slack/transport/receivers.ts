import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type Logger as BoltLogger,
  HTTPReceiver,
  type InstallationStore,
  SocketModeReceiver,
  type webApi,
} from '@slack/bolt';
import type { SlackAdapterConfig } from './adapter-config.ts';
import { BOT_SCOPES, connectionMode, usesOAuth } from './adapter-config.ts';

/** Where Slack reaches Agora on the one HTTP server: events, interactivity and commands share one URL. */
export const SLACK_PATHS = {
  prefix: '/slack/',
  events: '/slack/events',
  install: '/slack/install',
  oauthRedirect: '/slack/oauth_redirect',
} as const;

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** The part of Agora's HTTP server the adapter needs: somewhere to mount Slack's paths. */
export interface HttpMount {
  mount(prefix: string, handler: RouteHandler): void;
}

export interface SlackReceivers {
  events: HTTPReceiver | SocketModeReceiver;
  /** Serves `/slack/install` and `/slack/oauth_redirect` when OAuth is configured, in either mode. */
  oauth?: HTTPReceiver;
  /** Mounted on the HTTP server under `/slack/`; undefined when nothing needs HTTP (Socket Mode without OAuth). */
  route?: RouteHandler;
}

export function createReceivers(
  config: SlackAdapterConfig,
  clientOptions: webApi.WebClientOptions,
  installationStore: InstallationStore | undefined,
  logger: BoltLogger,
): SlackReceivers {
  const events =
    connectionMode(config) === 'socket'
      ? new SocketModeReceiver({
          appToken: config.appToken ?? '',
          logger,
          ...(config.socketPingTimeoutMs ? { clientPingTimeout: config.socketPingTimeoutMs } : {}),
          installerOptions: { clientOptions },
        })
      : new HTTPReceiver({
          signingSecret: config.signingSecret ?? '',
          endpoints: [SLACK_PATHS.events],
          processBeforeResponse: config.processBeforeResponse ?? false,
          unhandledRequestTimeoutMillis: config.unhandledRequestTimeoutMs ?? 3001,
          logger,
        });
  // OAuth gets a receiver of its own that accepts no events (no endpoints), so the install flow is served the same
  // way, on the one HTTP server, whether events come over HTTP or Socket Mode.
  const oauth = usesOAuth(config)
    ? new HTTPReceiver({
        signingSecret: '',
        signatureVerification: false,
        endpoints: [],
        clientId: config.clientId,
        clientSecret: config.clientSecret,
        stateSecret: config.stateSecret,
        installationStore,
        scopes: config.scopes ?? BOT_SCOPES,
        logger,
        installerOptions: {
          clientOptions,
          installPath: SLACK_PATHS.install,
          redirectUriPath: SLACK_PATHS.oauthRedirect,
        },
      })
    : undefined;
  const httpEvents = events instanceof HTTPReceiver ? events : undefined;
  if (!httpEvents && !oauth) return { events };
  return { events, ...(oauth ? { oauth } : {}), route: slackRoute(httpEvents, oauth) };
}

function slackRoute(events: HTTPReceiver | undefined, oauth: HTTPReceiver | undefined): RouteHandler {
  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://agora.local').pathname;
    const receiver =
      path === SLACK_PATHS.events
        ? events
        : path === SLACK_PATHS.install || path === SLACK_PATHS.oauthRedirect
          ? oauth
          : undefined;
    if (!receiver) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    try {
      receiver.requestListener(req, res);
    } catch {
      // Bolt throws for requests it does not serve, such as a GET to the events URL.
      if (!res.headersSent) res.writeHead(405, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Slack sends POST requests here; there is nothing to see.');
    }
  };
}
