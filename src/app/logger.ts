import pino from 'pino';

/** Structured logs (JSON lines) to stdout; `err` fields are serialised with their stack. */
export function createLogger(level: string): pino.Logger {
  return pino({ level, base: { service: 'agora' }, serializers: { err: pino.stdSerializers.err } });
}
