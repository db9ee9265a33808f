// Slack message timestamps ("1717000020.000200") are ids: unique per channel and strictly increasing.
// They are compared as whole microseconds, which a double holds exactly for present-day dates.

let lastMicros = 0;

export function nextTs(): string {
  lastMicros = Math.max(Date.now() * 1000, lastMicros + 1);
  return formatTs(lastMicros);
}

function formatTs(micros: number): string {
  return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
}

export function isTs(value: unknown): value is string {
  return typeof value === 'string' && /^\d+(\.\d{1,6})?$/.test(value);
}

function tsToMicros(ts: string): number {
  const [seconds = '0', fraction = ''] = ts.split('.');
  return Number(seconds) * 1e6 + Number(fraction.padEnd(6, '0'));
}

export function compareTs(a: string, b: string): number {
  return tsToMicros(a) - tsToMicros(b);
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
