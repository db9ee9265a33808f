import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Hono } from 'hono';
import type { WebEnv } from '../context.ts';

/** Scripts and styles, served from this server only (the Content-Security-Policy allows nothing else). */

const require = createRequire(import.meta.url);
const here = import.meta.dirname;

const ASSETS: Record<string, { file: () => string; type: string }> = {
  'htmx.min.js': { file: () => require.resolve('htmx.org/dist/htmx.min.js'), type: 'text/javascript; charset=utf-8' },
  'agora.js': { file: () => path.join(here, 'assets', 'agora.js'), type: 'text/javascript; charset=utf-8' },
  'agora.css': { file: () => path.join(here, 'assets', 'agora.css'), type: 'text/css; charset=utf-8' },
};

export function registerAssets(app: Hono<WebEnv>): void {
  const cache = new Map<string, Buffer>();
  app.get('/assets/:name', (c) => {
    const name = c.req.param('name');
    const asset = ASSETS[name];
    if (!asset) return c.text('Not found', 404);
    let content = cache.get(name);
    if (!content) {
      content = readFileSync(asset.file());
      cache.set(name, content);
    }
    c.header('Content-Type', asset.type);
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(new Uint8Array(content));
  });
}
