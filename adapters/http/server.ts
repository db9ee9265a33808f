import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../../src/core/ports/logger.ts';

/** One HTTP server for everything: health, metrics, Slack's requests, the API and the sandbox. */

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface Route {
  /** Path prefix, e.g. `/slack/` or `/healthz`. */
  prefix: string;
  handler: RouteHandler;
}

export class HttpServer {
  readonly #routes: Route[] = [];
  readonly server: Server;

  constructor(private readonly logger: Logger) {
    this.server = createServer((req, res) => void this.#dispatch(req, res));
    // An idle keep-alive connection outlives the clients' and proxies' own idle limits (load balancers keep 60 s),
    // so none of them sends a request on a connection the server is closing at that moment (ECONNRESET, a 502).
    this.server.keepAliveTimeout = 65_000;
    this.server.headersTimeout = 66_000;
  }

  /** Routes are matched longest prefix first, so a specific route wins over a catch-all like `/`. */
  mount(prefix: string, handler: RouteHandler): void {
    this.#routes.push({ prefix, handler });
    this.#routes.sort((a, b) => b.prefix.length - a.prefix.length);
  }

  async #dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    // `/slack` matches `/slack` and `/slack/events`, never `/slacker`; `/` matches everything.
    const route = this.#routes.find(
      (r) => path === r.prefix || path.startsWith(r.prefix.endsWith('/') ? r.prefix : `${r.prefix}/`),
    );
    try {
      if (!route) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
        return;
      }
      await route.handler(req, res);
    } catch (error) {
      this.logger.error({ err: error, path, method: req.method }, 'request failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Internal error');
    }
  }

  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        const address = this.server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
