/** Schemas of the experiments routes. */
import { Type } from '@sinclair/typebox';
import { IdSchema, toIso } from '../../domain/index.js';
import { SURFACES } from '../../experiments/index.js';
import { METRIC_TYPES, type ExperimentRecord } from '../../store/repositories/experiment-repository.js';

const Variant = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    weight: Type.Optional(Type.Number({ exclusiveMinimum: 0, default: 1 })),
    config: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description: 'what the surface applies for this variant, e.g. {"model": "popular"} or a flag value',
      }),
    ),
  },
  { additionalProperties: false },
);

const Metric = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    type: Type.Union(METRIC_TYPES.map((t) => Type.Literal(t))),
    event: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, description: 'for custom: the event type counted' }),
    ),
    itemId: Type.Optional(
      Type.String({ minLength: 1, maxLength: 500, description: 'for item_revenue and item_profit: the item counted' }),
    ),
    unitCost: Type.Optional(Type.Number({ minimum: 0, description: "for item_profit: the item's unit cost" })),
    cuped: Type.Optional(Type.Boolean({ description: 'adjust with the same metric over the 14 days before exposure' })),
    higherIsBetter: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const Layer = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    start: Type.Number({ minimum: 0, maximum: 1 }),
    end: Type.Number({ minimum: 0, maximum: 1 }),
  },
  { additionalProperties: false },
);

/** What a caller sends to create an experiment. */
export const ExperimentInputSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
    surface: Type.Union(SURFACES.map((s) => Type.Literal(s))),
    kind: Type.Optional(Type.Union([Type.Literal('ab'), Type.Literal('bandit')])),
    variants: Type.Array(Variant, { minItems: 2, maxItems: 20, description: 'the first is the control' }),
    metrics: Type.Optional(
      Type.Array(Metric, { minItems: 1, maxItems: 20, description: 'the first is the primary metric' }),
    ),
    traffic: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
    layer: Type.Optional(Type.Union([Layer, Type.Null()])),
    segmentId: Type.Optional(Type.Union([IdSchema, Type.Null()])),
    sequential: Type.Optional(Type.Boolean()),
    correction: Type.Optional(
      Type.Union([Type.Literal('holm'), Type.Literal('benjamini-hochberg'), Type.Literal('none')]),
    ),
    minSample: Type.Optional(Type.Integer({ minimum: 1 })),
    banditFloor: Type.Optional(Type.Number({ minimum: 0, maximum: 0.5 })),
    start: Type.Optional(Type.Boolean({ default: true })),
  },
  { additionalProperties: false },
);

/** A stored experiment. */
export const ExperimentSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    description: Type.Union([Type.String(), Type.Null()]),
    surface: Type.String(),
    kind: Type.String(),
    status: Type.String(),
    variants: Type.Array(
      Type.Object({ name: Type.String(), weight: Type.Number(), config: Type.Record(Type.String(), Type.Unknown()) }),
    ),
    metrics: Type.Array(Metric),
    traffic: Type.Number(),
    layer: Type.Union([Layer, Type.Null()]),
    segmentId: Type.Union([Type.String(), Type.Null()]),
    sequential: Type.Boolean(),
    correction: Type.String(),
    minSample: Type.Integer(),
    banditFloor: Type.Number(),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    startedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    stoppedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { $id: 'Experiment' },
);

/** The API view of an experiment (the salt stays inside). */
export function experimentView(e: ExperimentRecord) {
  const { salt: _salt, ...rest } = e;
  return {
    ...rest,
    createdAt: toIso(e.createdAt),
    updatedAt: toIso(e.updatedAt),
    startedAt: e.startedAt === null ? null : toIso(e.startedAt),
    stoppedAt: e.stoppedAt === null ? null : toIso(e.stoppedAt),
  };
}

/** Identity fields of assignment and exposure requests. */
export const SubjectSchema = Type.Object(
  {
    anonymousId: Type.Optional(IdSchema),
    customerId: Type.Optional({
      ...IdSchema,
      description: "with a browser key, only together with the customer's token in the X-Customer-Token header",
    }),
  },
  { additionalProperties: false },
);

/** Identity fields plus an optional surface, for all of a visitor's assignments. */
export const AssignmentsBodySchema = Type.Object(
  { ...SubjectSchema.properties, surface: Type.Optional(Type.String({ maxLength: 50 })) },
  { additionalProperties: false },
);

/** An assignment. */
export const AssignmentSchema = Type.Object({
  experimentId: Type.String(),
  experiment: Type.String(),
  variant: Type.Union([Type.String(), Type.Null()]),
  config: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  reason: Type.String(),
});

/** Per-variant sums for the stateless analysis. */
export const SummaryInputSchema = Type.Object(
  {
    variants: Type.Array(
      Type.Object({
        name: Type.String({ minLength: 1 }),
        n: Type.Integer({ minimum: 2 }),
        sum: Type.Number(),
        sumSquares: Type.Number({ minimum: 0 }),
      }),
      { minItems: 2, maxItems: 50, description: 'the first is the control' },
    ),
    alpha: Type.Optional(Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1, default: 0.05 })),
  },
  { additionalProperties: false },
);

const EffectView = Type.Object({ estimate: Type.Number(), ci: Type.Array(Type.Number()), pValue: Type.Number() });

/** The stateless analysis' answer. */
export const SummaryOutputSchema = Type.Object({
  variants: Type.Array(
    Type.Object({ name: Type.String(), mean: Type.Number(), absolute: EffectView, relative: EffectView }),
  ),
});
