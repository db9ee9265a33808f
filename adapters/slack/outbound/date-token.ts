/**
 * A time as Slack's date token, which each reader's client shows in their own time zone:
 * `<!date^1797094800^{date_short_pretty} at {time}|2026-12-14 17:00 UTC>`.
 */
export function slackDate(at: Date, format = '{date_short_pretty} at {time}'): string {
  const unix = Math.floor(at.getTime() / 1000);
  return `<!date^${unix}^${format}|${utcFallback(at)}>`;
}

/** What clients that cannot render the token show, and what logs and plain notices say. */
export function utcFallback(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
