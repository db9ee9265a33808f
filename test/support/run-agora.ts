import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/** Starts `src/app/main.ts` as `npm start` would, and resolves once it logs the port it listens on. */
export function startAgora(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; port: number; logs: string[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/app/main.ts'], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`agora did not start:\n${logs.join('')}`)), 90_000);
    const onData = (chunk: Buffer) => {
      logs.push(chunk.toString());
      const match = /"port":(\d+)/.exec(logs.join(''));
      if (match) {
        clearTimeout(timer);
        resolve({ child, port: Number(match[1]), logs });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(`agora exited with ${code}:\n${logs.join('')}`), { code, logs }));
    });
  });
}

/** Stops a started Agora with SIGTERM, as a supervisor would, and waits for it to exit; nothing if it already has. */
export async function stopAgora(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

export function runAgoraCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['bin/agora.js', ...args], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  });
  let output = '';
  child.stdout.on('data', (c) => {
    output += c;
  });
  child.stderr.on('data', (c) => {
    output += c;
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}
