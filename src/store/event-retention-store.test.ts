import { describe } from 'vitest';
import { allDatabaseKinds } from '../../test/helpers/databases.js';
import { eventIdsStoreContract } from './event-ids.contract.js';
import { eventRetentionStoreContract } from './event-retention.contract.js';

for (const kind of await allDatabaseKinds()) {
  describe.skipIf(!kind.available)(kind.name, () => {
    eventRetentionStoreContract(kind);
    eventIdsStoreContract(kind);
  });
}
