import { describe } from 'vitest';
import { storeSuite } from '../contract/store-suite.ts';
import { databaseKinds } from '../support/databases.ts';

for (const kind of await databaseKinds()) {
  describe.skipIf(kind.skip !== null)(`the Prisma store on ${kind.name}`, () => storeSuite(kind.create));
}
