import { describe, expect, it } from 'vitest';
import { safeExcerpt, stripPings, truncateText } from '../../../src/core/safe-text.ts';

const ZWSP = '\u200b';

describe('stripPings', () => {
  it('neutralises Slack channel-wide pings, with or without a label', () => {
    expect(stripPings('Hey <!channel> and <!here|here> and <!everyone>')).toBe(
      `Hey @${ZWSP}channel and @${ZWSP}here and @${ZWSP}everyone`,
    );
    expect(stripPings('<!channel>')).not.toContain('<!');
  });

  it('turns Slack user and group mentions into plain names', () => {
    expect(stripPings('Ask <@U012AB3CD|alice> or <@W999>')).toBe(`Ask @${ZWSP}alice or @${ZWSP}someone`);
    expect(stripPings('Cc <!subteam^S123|@leads>')).toBe(`Cc @${ZWSP}leads`);
    expect(stripPings('Cc <!subteam^S123>')).toBe(`Cc @${ZWSP}group`);
  });

  it('neutralises Discord mentions and bare @everyone / @here', () => {
    expect(stripPings('<@123456789> <@!42> <@&77> @everyone @here')).toBe(
      `@${ZWSP}someone @${ZWSP}someone @${ZWSP}role @${ZWSP}everyone @${ZWSP}here`,
    );
  });

  it('leaves ordinary text, links, channel links and e-mail addresses alone', () => {
    const text = 'See <https://example.org|the plan> in <#C123|staff>; mail head@school.org or staff@here.org';
    expect(stripPings(text)).toBe(text);
  });
});

describe('truncateText and safeExcerpt', () => {
  it('keeps short text whole and cuts long text with a marker within the limit', () => {
    expect(truncateText('short', 10)).toBe('short');
    const cut = truncateText('x'.repeat(40_000), 3000);
    expect(cut).toHaveLength(3000);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('strips pings before cutting', () => {
    const excerpt = safeExcerpt(`<!channel> ${'y'.repeat(100)}`, 20);
    expect(excerpt).not.toContain('<!channel>');
    expect(excerpt.length).toBeLessThanOrEqual(20);
  });
});
