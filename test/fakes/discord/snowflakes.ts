const discordEpoch = 1_420_070_400_000n;

/** Returns a generator of Discord-style ids: milliseconds since 2015 in the high bits, strictly increasing. */
export function createSnowflakes(): () => string {
  let last = 0n;
  return () => {
    const fromClock = (BigInt(Date.now()) - discordEpoch) << 22n;
    last = fromClock > last ? fromClock : last + 1n;
    return last.toString();
  };
}
