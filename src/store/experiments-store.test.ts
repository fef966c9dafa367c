import { describe } from 'vitest';
import { allDatabaseKinds } from '../../test/helpers/databases.js';
import { experimentsStoreContract } from './experiments.contract.js';

for (const kind of await allDatabaseKinds()) {
  describe.skipIf(!kind.available)(kind.name, () => experimentsStoreContract(kind));
}
