/**
 * A time as Discord's timestamp markup, which each reader's client shows in their own time zone and language:
 * `<t:1797094800:F>` (Monday, 14 December 2026 17:00) and `<t:1797094800:R>` (in 2 weeks).
 */
export function discordTime(at: Date, style: 'F' | 'R' | 'f' | 'D' = 'F'): string {
  return `<t:${Math.floor(at.getTime() / 1000)}:${style}>`;
}

/** Full date and time, then how far away: `<t:…:F> (<t:…:R>)`. */
export function fullAndRelative(at: Date): string {
  return `${discordTime(at, 'F')} (${discordTime(at, 'R')})`;
}
