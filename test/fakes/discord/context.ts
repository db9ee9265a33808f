import type { FakeGateway } from './gateway.ts';
import type { InteractionRecords } from './interaction-records.ts';
import type { World } from './world.ts';

/** What routes and simulators share. */
export interface FakeContext {
  world: World;
  gateway: FakeGateway;
  interactions: InteractionRecords;
  interactionDeadlineMs: number;
  /** How long an interaction token takes follow-ups and edits; Discord allows 15 minutes. */
  interactionTokenLifetimeMs: number;
  /** The fake's clock: wall time plus however far a test has moved it on (`advanceClock`). */
  clock: FakeClock;
}

export class FakeClock {
  #offsetMs = 0;

  now(): number {
    return Date.now() + this.#offsetMs;
  }

  advance(ms: number): void {
    this.#offsetMs += ms;
  }
}
