import type { Logger } from '../../src/core/ports/logger.ts';

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  context: Record<string, unknown>;
  message: string;
}

/** A Logger that keeps what it was told, so that tests can check what an operator would read. */
export class RecordingLogger implements Logger {
  readonly lines: LogLine[] = [];
  debug(context: Record<string, unknown>, message: string): void {
    this.lines.push({ level: 'debug', context, message });
  }
  info(context: Record<string, unknown>, message: string): void {
    this.lines.push({ level: 'info', context, message });
  }
  warn(context: Record<string, unknown>, message: string): void {
    this.lines.push({ level: 'warn', context, message });
  }
  error(context: Record<string, unknown>, message: string): void {
    this.lines.push({ level: 'error', context, message });
  }
  about(jobKey: string): LogLine[] {
    return this.lines.filter((l) => l.context.job === jobKey);
  }
}
