import { describe } from 'vitest';
import { platformContract } from '../contract/platform-suite.ts';
import { teamsDriver } from '../support/teams-driver.ts';

describe('the Teams adapter passes the platform contract', () => {
  platformContract(teamsDriver);
});
