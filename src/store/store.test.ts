import { describe } from 'vitest';
import { allDatabaseKinds } from '../../test/helpers/databases.js';
import { assistantReviewStoreContract } from './assistant-review.contract.js';
import { consoleStoreContract } from './console.contract.js';
import { customerPartitionsStoreContract } from './customer-partitions.contract.js';
import { journeyStoreContract } from './journeys.contract.js';

import { forecastStoreContract } from './forecast.contract.js';
import { storeContract } from './store.contract.js';
import { trainingLogStoreContract } from './training-log.contract.js';
import { visionStoreContract } from './vision.contract.js';

for (const kind of await allDatabaseKinds()) {
  describe.skipIf(!kind.available)(kind.name, () => {
    storeContract(kind);
    consoleStoreContract(kind);
    journeyStoreContract(kind);

    forecastStoreContract(kind);
    visionStoreContract(kind);
    assistantReviewStoreContract(kind);
    trainingLogStoreContract(kind);
    customerPartitionsStoreContract(kind);
  });
}
