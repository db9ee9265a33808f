import { describe, expect, it } from 'vitest';
import { ConfigError, platformsConfigured, readConfig } from '../../../src/app/config.ts';

describe('configuration', () => {
  it('runs with nothing set: embedded SQLite on port 3000', () => {
    const config = readConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBe('file:./data/agora.db');
    expect(config.SLACK_API_URL).toBe('https://slack.com/api/');
  });

  it('treats empty values as unset', () => {
    expect(readConfig({ SLACK_API_URL: '', PORT: '' }).SLACK_API_URL).toBe('https://slack.com/api/');
  });

  it('names each malformed variable with what it should look like, all at once', () => {
    try {
      readConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', SLACK_BOT_TOKEN: 'abc', DISCORD_TOKEN: 't' });
      throw new Error('should fail');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const text = (error as ConfigError).problems.join('\n');
      expect(text).toContain('PORT');
      expect(text).toContain('DATABASE_URL: must be file:./data/agora.db');
      expect(text).toContain('SLACK_BOT_TOKEN: must be a bot token starting with xoxb-');
      expect(text).toContain('DISCORD_APPLICATION_ID');
    }
  });

  it('leaves language-model summaries off unless LLM_BASE_URL is set, then defaults the model', () => {
    const off = readConfig({});
    expect([off.LLM_BASE_URL, off.LLM_MODEL, off.LLM_TIMEOUT_MS]).toEqual([undefined, undefined, 20000]);
    const on = readConfig({ LLM_BASE_URL: 'http://localhost:8080/v1', LLM_TIMEOUT_MS: '5000' });
    expect([on.LLM_MODEL, on.LLM_TIMEOUT_MS]).toEqual(['gpt-4o-mini', 5000]);
    expect(() => readConfig({ LLM_MODEL: 'gpt-4o' })).toThrow(/LLM_BASE_URL: LLM_API_KEY or LLM_MODEL is set/);
    expect(() => readConfig({ LLM_BASE_URL: 'localhost:8080' })).toThrow(/LLM_BASE_URL: must be an http\(s\) URL/);
  });

  it('reads ORGANISERS once into user ids per platform, and names an entry it cannot place', () => {
    const { ORGANISERS } = readConfig({ ORGANISERS: 'slack:U1, discord:99,slack:T1/U2 ,web:olive' });
    expect([...ORGANISERS.slack]).toEqual(['U1', 'U2']);
    expect([...ORGANISERS.discord]).toEqual(['99']);
    expect([...ORGANISERS.web]).toEqual(['olive']);
    expect([...readConfig({ ORGANISERS: 'teams:00000000-aaaa-bbbb' }).ORGANISERS.teams]).toEqual([
      '00000000-aaaa-bbbb',
    ]);
    expect(() => readConfig({ ORGANISERS: 'slack:U1,U2' })).toThrow(
      /ORGANISERS: "U2" must be slack:USER_ID, discord:USER_ID, web:NAME or teams:OBJECT_ID/,
    );
  });

  it('decides once which platforms are configured, with the sandbox standing in for none', () => {
    expect(platformsConfigured(readConfig({}))).toEqual({ slack: false, discord: false, teams: false, sandbox: true });
    const slack = readConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' });
    expect(platformsConfigured(slack)).toEqual({ slack: true, discord: false, teams: false, sandbox: false });
    // OAuth needs both halves of the client credentials before Slack counts as set up.
    expect(platformsConfigured(readConfig({ SLACK_CLIENT_ID: '1.2' })).slack).toBe(false);
    const both = readConfig({
      SLACK_CLIENT_ID: '1.2',
      SLACK_CLIENT_SECRET: 's',
      DISCORD_TOKEN: 't',
      DISCORD_APPLICATION_ID: '123456',
      SANDBOX: 'true',
    });
    expect(platformsConfigured(both)).toEqual({ slack: true, discord: true, teams: false, sandbox: true });
  });
});
