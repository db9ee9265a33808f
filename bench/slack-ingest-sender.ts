import { createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { startFakeSlack } from '../test/fakes/slack/index.ts';
import { eventCallback } from '../test/fakes/slack/payloads.ts';
import { percentile } from './support.ts';

/**
 * The Slack side of bench/slack-ingest.ts, in a process of its own: it answers the Web API (a fake Slack on
 * loopback) and sends the app signed Events API requests, measuring each one's time to acknowledge.
 *   steady: `rate` events a second for `seconds`, on a fixed schedule (open loop);
 *   burst:  `count` events as fast as `concurrency` connections allow (closed loop), for throughput.
 */

interface Run {
  type: 'steady' | 'burst';
  url: string;
  threads: string[];
  channel: string;
  firstIndex: number;
  count: number;
  rate?: number;
  concurrency?: number;
}

const PEOPLE = 1000;
const slack = await startFakeSlack({ teamId: 'T1' });
// The workspace's people, as users.list lists them to the app when it starts (and users.info names them one by one).
for (let i = 0; i < PEOPLE; i++) slack.workspace.addUser({ id: `U${i}`, name: `person${i}` });
slack.workspace.addChannel({ id: 'C_BENCH', name: 'bench' });
const agent = new Agent({ keepAlive: true, maxSockets: 128 });

function body(index: number, run: Run): string {
  const thread = run.threads[index % run.threads.length] as string;
  const ts = `${1_800_000_000 + index}.000100`;
  const event = {
    type: 'message',
    client_msg_id: `m-${index}`,
    user: `U${index % PEOPLE}`,
    text: `Response number ${index}: the accountability framework should trust professional judgement more.`,
    ts,
    thread_ts: thread,
    channel: run.channel,
    channel_type: 'channel',
    event_ts: ts,
  };
  return JSON.stringify({ ...eventCallback(slack.workspace, event), event_id: `EvBench${index}` });
}

function send(url: string, payload: string): Promise<{ status: number; ms: number }> {
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', slack.signingSecret).update(`v0:${timestamp}:${payload}`).digest('hex')}`;
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': signature,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
      },
    );
    req.on('error', () => resolve({ status: 0, ms: performance.now() - started }));
    req.end(payload);
  });
}

async function steady(run: Run) {
  // The sender's own pauses count in every time it measures: reported beside them.
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  loopDelay.enable();
  const rate = run.rate ?? 1000;
  const latencies: number[] = [];
  /** Each second's times to acknowledge, by when the request was sent: where the tail comes from. */
  const bySecond: number[][] = [];
  let failed = 0;
  const pending: Promise<void>[] = [];
  const started = performance.now();
  let sent = 0;
  await new Promise<void>((done) => {
    const tick = () => {
      const due = Math.min(run.count, Math.floor(((performance.now() - started) * rate) / 1000) + 1);
      while (sent < due) {
        const index = run.firstIndex + sent++;
        const second = Math.floor((performance.now() - started) / 1000);
        pending.push(
          send(run.url, body(index, run)).then(({ status, ms }) => {
            if (status === 200) {
              latencies.push(ms);
              const thatSecond = bySecond[second] ?? [];
              thatSecond.push(ms);
              bySecond[second] = thatSecond;
            } else failed++;
          }),
        );
      }
      if (sent < run.count) setTimeout(tick, 1);
      else done();
    };
    tick();
  });
  const sending = (performance.now() - started) / 1000;
  await Promise.all(pending);
  loopDelay.disable();
  return {
    ...summary(latencies, failed, sent, sending),
    p99BySecond: [...bySecond].map((second) =>
      percentile(
        (second ?? []).sort((a, b) => a - b),
        99,
      ),
    ),
    senderLoopP99: loopDelay.percentile(99) / 1e6,
    senderLoopMax: loopDelay.max / 1e6,
  };
}

async function burst(run: Run) {
  const latencies: number[] = [];
  let failed = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < run.count) {
      const index = run.firstIndex + next++;
      const { status, ms } = await send(run.url, body(index, run));
      if (status === 200) latencies.push(ms);
      else failed++;
    }
  };
  await Promise.all(Array.from({ length: run.concurrency ?? 32 }, worker));
  return summary(latencies, failed, run.count, (performance.now() - started) / 1000);
}

function summary(latencies: number[], failed: number, sent: number, seconds: number) {
  latencies.sort((a, b) => a - b);
  return {
    sent,
    acked: latencies.length,
    failed,
    seconds,
    rate: sent / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? 0,
  };
}

type Control = { type: 'stop' } | { type: 'directory' } | { type: 'threads'; channel: string; threads: string[] };

process.on('message', (message: Run | Control) => {
  if (message.type === 'directory') {
    // What the app asked about people so far: pages of the list, and people asked about one at a time.
    const pages = slack.calls('users.list');
    const listed = pages.reduce(
      (sum, page) => sum + ((page.response as { members?: unknown[] }).members?.length ?? 0),
      0,
    );
    process.send?.({ type: 'directory', listPages: pages.length, listed, infoCalls: slack.calls('users.info').length });
    return;
  }
  if (message.type === 'threads') {
    // The questions' own messages, so that the app's catch-up finds the threads it asks for.
    const { bot } = slack.workspace;
    for (const ts of message.threads)
      slack.workspace.post(message.channel, { ts, text: 'A question', user: bot.userId, bot_id: bot.botId });
    process.send?.({ type: 'threads' });
    return;
  }
  if (message.type === 'stop') {
    agent.destroy();
    void slack.stop().then(() => process.exit(0));
    return;
  }
  const work = message.type === 'steady' ? steady(message) : burst(message);
  void work.then((result) => process.send?.({ type: message.type, ...result }));
});

process.send?.({ type: 'ready', apiUrl: slack.apiUrl, botToken: slack.botToken, signingSecret: slack.signingSecret });
