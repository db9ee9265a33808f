import type { Command } from 'commander';
import { describeParked } from '../../core/inbound/inbound-health.ts';
import type { InboxRecord } from '../../core/ports/inbox.ts';
import { withStore } from './context.ts';
import { EXIT, paint } from './output.ts';

const when = (d: Date) => `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;

function colour(status: string): string {
  const padded = status.padEnd(8);
  if (status === 'parked') return paint.red(padded);
  if (status === 'applied') return paint.green(padded);
  return padded;
}

/** One line per event: id, status, kind, received at, attempts, key, and the last error or how it was applied. */
export function formatInboxTable(rows: InboxRecord[]): string[] {
  const idWidth = Math.max(2, ...rows.map((r) => String(r.id).length));
  const kindWidth = Math.max(4, ...rows.map((r) => r.kind.length));
  const header = `${'ID'.padStart(idWidth)}  ${'STATUS'.padEnd(8)} ${'KIND'.padEnd(kindWidth)}  ${'RECEIVED'.padEnd(23)} TRIES  KEY · ERROR / OUTCOME`;
  const lines = rows.map((r) => {
    const detail = [r.key, r.lastError ? `error: ${r.lastError.split('\n')[0]}` : (r.outcome ?? '')]
      .filter(Boolean)
      .join(' · ');
    return `${String(r.id).padStart(idWidth)}  ${colour(r.status)} ${r.kind.padEnd(kindWidth)}  ${when(r.receivedAt).padEnd(23)} ${String(r.attempts).padStart(5)}  ${detail}`;
  });
  return [paint.bold(header), ...lines];
}

function parseIds(ids: string[]): number[] | string {
  const bad = ids.filter((id) => !/^\d+$/.test(id));
  return bad.length
    ? `event ids are whole numbers (as \`agora inbox list\` shows them); got ${bad.join(', ')}`
    : ids.map(Number);
}

export function registerInboxCommands(program: Command): void {
  const inbox = program
    .command('inbox')
    .description('the inbound inbox: every reply, vote and edit as received, and the parked ones that failed');

  inbox
    .command('list')
    .description('list events not yet applied (pending and parked), with their attempts and last error')
    .option('--parked', 'only parked events (those that failed repeatedly and wait to be retried)')
    .option('--limit <n>', 'at most this many of each status', '100')
    .option('--json', 'print JSON')
    .action(async (options: { parked?: boolean; limit: string; json?: boolean }) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1) {
        console.error(paint.red(`--limit must be a whole number of at least 1; got "${options.limit}"`));
        process.exitCode = EXIT.usage;
        return;
      }
      const { counts, rows } = await withStore(async (store) => ({
        counts: await store.inbox.counts(),
        rows: [
          ...(options.parked ? [] : await store.inbox.list('pending', limit)),
          ...(await store.inbox.list('parked', limit)),
        ],
      }));
      if (options.json) {
        const parked = rows.filter((r) => r.status === 'parked').map(describeParked);
        const pending = rows.filter((r) => r.status === 'pending').map(({ payload: _payload, ...r }) => r);
        console.log(JSON.stringify({ counts, parked, ...(options.parked ? {} : { pending }) }, null, 2));
        return;
      }
      console.log(`${counts.pending} pending, ${counts.parked} parked, ${counts.applied} applied (kept a week)`);
      if (rows.length === 0) {
        console.log(options.parked ? 'No parked events.' : 'Nothing waiting: every event received has been applied.');
        return;
      }
      for (const line of formatInboxTable(rows)) console.log(line);
      if (rows.some((r) => r.status === 'parked'))
        console.log(
          'Parked events failed repeatedly. Once the cause is fixed: agora inbox retry ID... (or no ids: all parked)',
        );
    });

  inbox
    .command('retry')
    .argument('[ids...]', 'ids of parked events (from `agora inbox list --parked`); none: every parked event')
    .description('put parked events back to be applied again (a running Agora applies them within a second)')
    .action(async (ids: string[]) => {
      const parsed = parseIds(ids);
      if (typeof parsed === 'string') {
        console.error(paint.red(parsed));
        process.exitCode = EXIT.usage;
        return;
      }
      const { retried, notParked } = await withStore(async (store) => {
        const parked = new Set((await store.inbox.list('parked', 1_000_000)).map((r) => r.id));
        const notParked = parsed.filter((id) => !parked.has(id));
        const wanted = parsed.length ? parsed.filter((id) => parked.has(id)) : undefined;
        const retried = wanted?.length === 0 ? 0 : await store.inbox.retryParked(new Date(), wanted);
        return { retried, notParked };
      });
      if (notParked.length)
        console.error(paint.yellow(`Not parked (applied, pending or unknown): ${notParked.join(', ')}`));
      console.log(
        retried === 0
          ? 'No parked event was put back.'
          : `Put ${retried} parked event(s) back; Agora applies them again now (or when it next starts).`,
      );
      if (notParked.length && retried === 0) process.exitCode = EXIT.failed;
    });
}
