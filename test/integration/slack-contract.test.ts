import { describe } from 'vitest';
import { platformContract } from '../contract/platform-suite.ts';
import { startSlackHarness } from '../support/slack-driver.ts';

describe('the Slack adapter over Socket Mode', () => {
  platformContract(() => startSlackHarness({ mode: 'socket' }));
});

describe('the Slack adapter over HTTP, on the one HTTP server', () => {
  platformContract(() => startSlackHarness({ mode: 'http' }));
});
