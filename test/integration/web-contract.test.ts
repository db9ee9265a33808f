import { describe } from 'vitest';
import { platformContract } from '../contract/platform-suite.ts';
import { createWebDriver } from '../support/web-driver.ts';

describe('the web sandbox passes the platform contract', () => {
  platformContract(createWebDriver);
});
