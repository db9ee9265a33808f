import { describe } from 'vitest';
import { platformContract } from '../contract/platform-suite.ts';
import { discordDriver } from '../support/discord-driver.ts';

describe('the Discord adapter passes the platform contract', () => {
  platformContract(discordDriver);
});
