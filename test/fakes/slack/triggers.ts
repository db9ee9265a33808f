import { randomHex } from './ids.ts';

export type TriggerCheck = 'valid' | 'invalid_trigger_id' | 'expired_trigger_id' | 'exchanged_trigger_id';

interface Issued {
  userId: string;
  issuedAt: number;
  used: boolean;
}

/** trigger_ids handed out with interactions: each opens one view, within a few seconds. */
export class Triggers {
  private readonly issued = new Map<string, Issued>();

  constructor(private readonly lifetimeMs: number) {}

  issue(userId: string): string {
    const id = `${Math.floor(Date.now() / 1000)}.${Math.floor(Math.random() * 1e9)}.${randomHex(16)}`;
    this.issued.set(id, { userId, issuedAt: Date.now(), used: false });
    return id;
  }

  use(id: string): TriggerCheck {
    const trigger = this.issued.get(id);
    if (!trigger) return 'invalid_trigger_id';
    if (trigger.used) return 'exchanged_trigger_id';
    if (Date.now() - trigger.issuedAt > this.lifetimeMs) return 'expired_trigger_id';
    trigger.used = true;
    return 'valid';
  }

  userOf(id: string): string | undefined {
    return this.issued.get(id)?.userId;
  }
}
