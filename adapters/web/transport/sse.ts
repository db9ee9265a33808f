import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { WebEnv } from '../context.ts';
import type { Activity, ActivityBus } from './event-bus.ts';

const KEEP_ALIVE_MS = 25_000;

/** A server-sent events stream of activity: ids of what changed, nothing about who changed it. */
export function activityStream(c: Context<WebEnv>, bus: ActivityBus, keep: (a: Activity) => boolean = () => true) {
  c.header('Cache-Control', 'no-store');
  c.header('X-Accel-Buffering', 'no');
  return streamSSE(c, async (stream) => {
    let open = true;
    const queue: Activity[] = [];
    let wake: (() => void) | null = null;
    const unsubscribe = bus.subscribe((activity) => {
      if (!keep(activity)) return;
      queue.push(activity);
      wake?.();
    });
    stream.onAbort(() => {
      open = false;
      wake?.();
    });
    try {
      await stream.writeSSE({ event: 'ready', data: '{}', retry: 3000 });
      while (open) {
        const next = queue.shift();
        if (next) {
          await stream.writeSSE({ event: 'activity', data: JSON.stringify(next) });
          continue;
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, KEEP_ALIVE_MS);
          function done() {
            clearTimeout(timer);
            wake = null;
            resolve();
          }
          wake = done;
        });
        if (open && queue.length === 0) await stream.write(': keep-alive\n\n');
      }
    } finally {
      unsubscribe();
    }
  });
}
