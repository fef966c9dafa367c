/**
 * The SDK's hand-written wire types must equal the server's schemas. The checks are compile-time
 * (`npm run typecheck` fails when a schema changes and types.ts does not); the test only makes them run.
 */
import type { Static } from '@sinclair/typebox';
import { describe, expectTypeOf, it } from 'vitest';
import type { EventInputSchema } from '../../../src/domain/event.js';
import type { CustomerItemSchema } from '../../../src/domain/item.js';
import type { MergeInputSchema } from '../../../src/domain/identity.js';
import type { MessageResponse } from '../../../src/server/routes/assistant.js';
import type { ProblemSchema } from '../../../src/server/routes/common-schemas.js';
import type {
  RecommendFilters,
  RecommendationsSchema,
  SessionBody,
} from '../../../src/server/routes/recommendation-schemas.js';
import type {
  AutocompleteResponseSchema,
  SearchItemSchema,
  SearchResponseSchema,
} from '../../../src/server/routes/search-schemas.js';
import type { SEARCH_SORTS } from '../../../src/search/service/search-request.js';
import type { SessionOptions } from './recommendations.js';
import type {
  AssistantReply,
  AutocompleteResult,
  EventInput,
  Item,
  Problem,
  Recommendations,
  SearchItem,
  SearchResults,
  SearchSort,
} from './types.js';

describe('wire types', () => {
  it('responses equal the server schemas', () => {
    // Items as shoppers get them: the price they see, and the price experiment that set it.
    expectTypeOf<Item>().toEqualTypeOf<Static<typeof CustomerItemSchema>>();
    expectTypeOf<Recommendations>().toEqualTypeOf<Static<typeof RecommendationsSchema>>();
    expectTypeOf<SearchItem>().toEqualTypeOf<Static<typeof SearchItemSchema>>();
    expectTypeOf<SearchResults>().toEqualTypeOf<Static<typeof SearchResponseSchema>>();
    expectTypeOf<AutocompleteResult>().toEqualTypeOf<Static<typeof AutocompleteResponseSchema>>();
    expectTypeOf<Problem>().toEqualTypeOf<Static<typeof ProblemSchema>>();
    expectTypeOf<SearchSort>().toEqualTypeOf<(typeof SEARCH_SORTS)[number]>();
    // The SDK widens the intent union to string and the open slots object to a record.
    expectTypeOf<Static<typeof MessageResponse>>().toExtend<AssistantReply>();
    expectTypeOf<keyof AssistantReply>().toEqualTypeOf<keyof Static<typeof MessageResponse>>();
  });

  it('requests are accepted by the server schemas', () => {
    // The SDK narrows `type` to the known types and `custom:*`; everything else must match field for field.
    expectTypeOf<Omit<EventInput, 'type'>>().toEqualTypeOf<Omit<Static<typeof EventInputSchema>, 'type'>>();
    expectTypeOf<EventInput>().toExtend<Static<typeof EventInputSchema>>();
    expectTypeOf<{ anonymousId: string; customerId: string }>().toExtend<Static<typeof MergeInputSchema>>();
    type Filters = Omit<SessionOptions, 'k' | 'signal'>;
    expectTypeOf<Filters>().toExtend<Static<typeof RecommendFilters>>();
    expectTypeOf<keyof Filters>().toEqualTypeOf<keyof Static<typeof RecommendFilters>>();
    expectTypeOf<{ itemIds: string[]; anonymousId?: string; k?: number; filters?: Filters }>().toExtend<
      Omit<Static<typeof SessionBody>, 'k'> & { k?: number }
    >();
  });
});
