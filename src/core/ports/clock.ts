/** The time as the core reads it: the system's, or a test's simulated one. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
