import { describe } from 'vitest';
import { allDatabaseKinds } from '../../test/helpers/databases.js';
import { reviewDropsStoreContract } from './review-drops.contract.js';

for (const kind of await allDatabaseKinds()) {
  describe.skipIf(!kind.available)(kind.name, () => reviewDropsStoreContract(kind));
}
