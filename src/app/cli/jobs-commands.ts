import type { Command } from 'commander';
import type { JobRecord, JobStatus } from '../../core/records.ts';
import { withStore } from './context.ts';
import { EXIT, paint } from './output.ts';

const STATUSES: JobStatus[] = ['pending', 'running', 'done', 'failed', 'dead', 'skipped'];

const when = (d: Date | null) => (d ? `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '-');

function colour(status: string): string {
  const padded = status.padEnd(8);
  if (status === 'dead' || status === 'failed') return paint.red(padded);
  if (status === 'done') return paint.green(padded);
  if (status === 'skipped' || status === 'running') return paint.yellow(padded);
  return padded;
}

/** What a job is for, in words: `ascl-blueprint/vision-components`. */
function subject(job: JobRecord): string {
  const programme = typeof job.payload.programmeSlug === 'string' ? job.payload.programmeSlug : '';
  const question = typeof job.payload.questionKey === 'string' ? job.payload.questionKey : '';
  const week = typeof job.payload.week === 'string' ? job.payload.week : '';
  return [programme, question || week].filter(Boolean).join('/');
}

/** One line per job: key, kind, status, run at, attempts, and the last error or the note. */
export function formatJobsTable(jobs: JobRecord[]): string[] {
  const keyWidth = Math.max(3, ...jobs.map((j) => j.key.length));
  const header = `${'KEY'.padEnd(keyWidth)}  ${'KIND'.padEnd(7)} ${'STATUS'.padEnd(8)} ${'RUN AT'.padEnd(17)} TRIES  ERROR / NOTE`;
  const rows = jobs.map((job) => {
    const detail = [subject(job), job.lastError ? `error: ${job.lastError}` : '', job.note ?? '']
      .filter(Boolean)
      .join(' · ');
    return `${job.key.padEnd(keyWidth)}  ${job.kind.padEnd(7)} ${colour(job.status)} ${when(job.runAt).padEnd(17)} ${String(job.attempts).padStart(5)}  ${detail}`;
  });
  return [paint.bold(header), ...rows];
}

export function registerJobsCommands(program: Command): void {
  const jobs = program.command('jobs').description('the scheduler’s durable jobs (opens, reminders, closes, digests)');

  jobs
    .command('list')
    .description('list scheduled jobs with their status, attempts and last error or note')
    .option('--status <status>', `only jobs with this status (${STATUSES.join(', ')})`)
    .option('--json', 'print JSON')
    .action(async (options: { status?: string; json?: boolean }) => {
      if (options.status && !STATUSES.includes(options.status as JobStatus)) {
        console.error(paint.red(`--status must be one of ${STATUSES.join(', ')}; got "${options.status}"`));
        process.exitCode = EXIT.usage;
        return;
      }
      const rows = await withStore((store) => store.jobs.list(options.status ? { status: options.status } : {}));
      if (options.json) {
        console.log(
          JSON.stringify(
            rows.map((j) => ({
              key: j.key,
              kind: j.kind,
              status: j.status,
              runAt: j.runAt,
              attempts: j.attempts,
              lastError: j.lastError,
              note: j.note,
              leasedBy: j.leasedBy,
              leaseUntil: j.leaseUntil,
              payload: j.payload,
            })),
            null,
            2,
          ),
        );
        return;
      }
      if (rows.length === 0) {
        console.log(
          options.status
            ? `No ${options.status} jobs.`
            : 'No jobs. Loading a programme plans its jobs: agora programme load programmes/ascl-blueprint.yaml',
        );
        return;
      }
      for (const line of formatJobsTable(rows)) console.log(line);
    });
}
