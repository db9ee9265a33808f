import type { FakeGateway } from './gateway.ts';
import type { InteractionRecords } from './interaction-records.ts';
import type { World } from './world.ts';

/** What routes and simulators share. */
export interface FakeContext {
  world: World;
  gateway: FakeGateway;
  interactions: InteractionRecords;
  interactionDeadlineMs: number;
}
