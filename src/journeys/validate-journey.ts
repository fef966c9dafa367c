/**
 * Checks a journey as a caller sent it and returns the definition; every problem is reported at once with
 * its path (`steps.1.duration`, `trigger.event`), and nothing is stored unless all of it is valid.
 */
import { compileValidator, ValidationError, type FieldIssue } from '../domain/index.js';
import { SegmentRuleError } from '../customers/index.js';
import { compileCondition } from './conditions.js';
import {
  DateTriggerSchema,
  EventTriggerSchema,
  ItemTriggerSchema,
  ScheduleTriggerSchema,
  JourneyInputSchema,
  SegmentTriggerSchema,
  STEP_SCHEMAS,
  type Content,
  type JourneyDefinition,
  type JourneyInput,
  type Step,
  type Trigger,
} from './definition.js';
import { checkContent } from './templates.js';
import { isIsoDuration, isoDurationMs, validZone } from './time.js';

// A schedule names a segment too: it is recognised first.
const TRIGGERS = [
  { key: 'schedule', schema: ScheduleTriggerSchema },
  { key: 'event', schema: EventTriggerSchema },
  { key: 'date', schema: DateTriggerSchema },
  { key: 'item', schema: ItemTriggerSchema },
  { key: 'segment', schema: SegmentTriggerSchema },
] as const;

/** Default attribution: a purchase within 7 days of a message counts as a conversion. */
const DEFAULT_CONVERSION = { event: 'purchase', within: 'P7D' };

function prefixed(prefix: string, issues: FieldIssue[]): FieldIssue[] {
  return issues.map((i) => ({ ...i, field: i.field === '(root)' ? prefix : `${prefix}.${i.field}` }));
}

function duration(value: string | undefined, field: string, issues: FieldIssue[]): void {
  if (value !== undefined && !isIsoDuration(value)) {
    issues.push({ field, message: `"${value}" is not an ISO 8601 duration such as PT5S, PT2H or P3D` });
  }
}

function checkTrigger(raw: Record<string, unknown>, issues: FieldIssue[]): Trigger | undefined {
  const kind = TRIGGERS.find((t) => t.key in raw);
  if (!kind) {
    issues.push({
      field: 'trigger',
      message:
        'needs one of: event (with optional where), segment (with on: enter or exit), date (birthday or ' +
        'last_order), item (price_drop, back_in_stock, stockout_risk, overstock or sentiment_drop), schedule (a ' +
        'date-time, with segment)',
    });
    return undefined;
  }
  const found = compileValidator(kind.schema).issues(raw);
  if (found.length > 0) {
    issues.push(...prefixed('trigger', found));
    return undefined;
  }
  const before = issues.length;
  if (kind.key === 'date') {
    if (raw.date === 'last_order' && raw.days === undefined)
      issues.push({ field: 'trigger.days', message: 'a last_order trigger needs days (since the last order)' });
    if (raw.date === 'birthday' && raw.days !== undefined)
      issues.push({ field: 'trigger.days', message: 'days belongs to a last_order trigger' });
  }
  if (typeof raw.timezone === 'string' && validZone(raw.timezone) !== raw.timezone)
    issues.push({ field: 'trigger.timezone', message: `unknown time zone "${raw.timezone}"` });
  if (kind.key === 'item') duration(raw.within as string | undefined, 'trigger.within', issues);
  if (kind.key === 'schedule' && !/^\d{4}-\d{2}-\d{2}T/.test(raw.schedule as string))
    issues.push({ field: 'trigger.schedule', message: 'must be an ISO 8601 date-time such as 2026-06-02T09:00:00Z' });
  else if (kind.key === 'schedule' && Number.isNaN(Date.parse(raw.schedule as string)))
    issues.push({ field: 'trigger.schedule', message: `"${String(raw.schedule)}" is not a date-time` });
  return issues.length > before ? undefined : (raw as Trigger);
}

function checkContentParts(content: Content | Record<string, Content>, field: string, issues: FieldIssue[]): void {
  const values = Object.values(content);
  const localised = values.length > 0 && values.every((v) => typeof v === 'object' && v !== null);
  const parts: [string, Content][] = localised
    ? Object.entries(content as Record<string, Content>).map(([k, v]) => [`${field}.${k}`, v])
    : [[field, content]];
  for (const [at, c] of parts)
    for (const issue of checkContent(c)) issues.push({ field: `${at}.${issue.field}`, message: issue.message });
}

function checkSteps(raw: unknown[], at: string, issues: FieldIssue[], ids: Set<string>): Step[] {
  return raw.map((value, i) => checkStep(value, `${at}.${i}`, issues, ids));
}

function checkStep(value: unknown, at: string, issues: FieldIssue[], ids: Set<string>): Step {
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const type = record.type;
  const schema = typeof type === 'string' ? STEP_SCHEMAS[type] : undefined;
  if (!schema) {
    issues.push({ field: `${at}.type`, message: `must be one of: ${Object.keys(STEP_SCHEMAS).join(', ')}` });
    return { type: 'exit' };
  }
  const found = compileValidator(schema).issues(record);
  if (found.length > 0) {
    issues.push(...prefixed(at, found));
    return { type: 'exit' };
  }
  const step = record as unknown as Step;
  if (step.id !== undefined) {
    if (ids.has(step.id)) issues.push({ field: `${at}.id`, message: `step id "${step.id}" is used twice` });
    ids.add(step.id);
  }
  switch (step.type) {
    case 'wait': {
      const kinds = [step.duration, step.until, step.event].filter((v) => v !== undefined).length;
      if (kinds !== 1)
        issues.push({ field: at, message: 'a wait step has exactly one of duration, until (HH:mm) or event' });
      duration(step.duration, `${at}.duration`, issues);
      duration(step.timeout, `${at}.timeout`, issues);
      if (step.event !== undefined && step.timeout === undefined) {
        issues.push({ field: `${at}.timeout`, message: 'waiting for an event needs a timeout (an ISO 8601 duration)' });
      }
      return step;
    }
    case 'branch': {
      try {
        compileCondition(step.if);
      } catch (error) {
        if (!(error instanceof SegmentRuleError)) throw error;
        issues.push({ field: `${at}.if`, message: error.message.split('\n')[0] ?? error.message });
      }
      return {
        ...step,
        then: checkSteps(step.then ?? [], `${at}.then`, issues, ids),
        else: checkSteps(step.else ?? [], `${at}.else`, issues, ids),
      };
    }
    case 'split':
      return {
        ...step,
        paths: step.paths.map((p, j) => ({ ...p, steps: checkSteps(p.steps, `${at}.paths.${j}.steps`, issues, ids) })),
      };
    case 'send': {
      if (step.channel === 'webhook' && step.url === undefined) {
        issues.push({ field: `${at}.url`, message: 'a webhook send needs the URL to POST to' });
      }
      if (step.url !== undefined) checkUrl(step.url, `${at}.url`, issues);
      if (step.channel === 'email' && step.template === undefined && step.content === undefined) {
        issues.push({
          field: `${at}.content`,
          message: 'an email needs content (subject and html or text) or a template',
        });
      }
      if (step.content !== undefined) checkContentParts(step.content, `${at}.content`, issues);
      return step;
    }
    case 'webhook':
      checkUrl(step.url, `${at}.url`, issues);
      return step;
    default:
      return step;
  }
}

function checkUrl(url: string, field: string, issues: FieldIssue[]): void {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
      issues.push({ field, message: 'must be an http(s) URL' });
  } catch {
    issues.push({ field, message: `"${url}" is not a URL` });
  }
}

/** Validates a journey; throws {@link ValidationError} listing every problem. */
export function validateJourney(input: unknown): JourneyDefinition {
  const top = compileValidator(JourneyInputSchema).issues(input);
  if (top.length > 0) throw new ValidationError(top);
  const raw = input as JourneyInput;
  const issues: FieldIssue[] = [];
  const trigger = checkTrigger(raw.trigger, issues);
  const steps = checkSteps(raw.steps, 'steps', issues, new Set());
  if (typeof raw.caps === 'object') {
    for (const [channel, caps] of Object.entries(raw.caps))
      caps.forEach((c, i) => duration(c.per, `caps.${channel}.${i}.per`, issues));
  }
  if (
    typeof raw.quietHours === 'object' &&
    raw.quietHours.timezone !== undefined &&
    validZone(raw.quietHours.timezone) !== raw.quietHours.timezone
  ) {
    issues.push({ field: 'quietHours.timezone', message: `unknown time zone "${raw.quietHours.timezone}"` });
  }
  duration(raw.conversion?.within, 'conversion.within', issues);
  if (issues.length > 0 || !trigger) throw new ValidationError(issues);
  return {
    name: raw.name,
    description: raw.description ?? null,
    trigger,
    steps,
    exitOn: raw.exitOn ?? [],
    reentry: raw.reentry ?? 'after_exit',
    holdoutPercent: raw.holdoutPercent ?? 0,
    caps: raw.caps ?? false,
    quietHours: raw.quietHours ?? false,
    consent: raw.consent ?? null,
    conversion: {
      event: raw.conversion?.event ?? DEFAULT_CONVERSION.event,
      withinMs: isoDurationMs(raw.conversion?.within ?? DEFAULT_CONVERSION.within),
    },
  };
}
