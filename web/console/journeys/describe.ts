/** Plain-language descriptions of triggers and steps, for the flow view. */
import type { JourneyStep } from './journey-types.js';

const UNITS: Record<string, [string, string]> = {
  Y: ['year', 'years'],
  W: ['week', 'weeks'],
  D: ['day', 'days'],
  H: ['hour', 'hours'],
  S: ['second', 'seconds'],
};

/** "PT1H30M" → "1 hour 30 minutes"; anything unparsed is shown as written. */
export function describeDuration(iso: string | undefined): string {
  if (!iso) return '';
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(
    iso,
  );
  if (!m) return iso;
  const parts: string[] = [];
  const add = (value: string | undefined, one: string, many: string) => {
    if (value !== undefined && Number(value) > 0) parts.push(`${value} ${Number(value) === 1 ? one : many}`);
  };
  add(m[1], ...UNITS.Y!);
  add(m[2], 'month', 'months');
  add(m[3], ...UNITS.W!);
  add(m[4], ...UNITS.D!);
  add(m[5], ...UNITS.H!);
  add(m[6], 'minute', 'minutes');
  add(m[7], ...UNITS.S!);
  return parts.join(' ') || iso;
}

/** What starts a journey, in words. */
export function describeTrigger(t: Record<string, unknown>): string {
  if (typeof t.schedule === 'string') return `Broadcast to segment “${String(t.segment)}” at ${t.schedule}`;
  if (typeof t.event === 'string') {
    const where = Object.entries((t.where as Record<string, unknown> | undefined) ?? {})
      .map(([k, v]) => `${k} = ${String(v)}`)
      .join(', ');
    return `When a customer does “${t.event}”${where ? ` where ${where}` : ''}`;
  }
  if (typeof t.segment === 'string')
    return `When a customer ${t.on === 'exit' ? 'leaves' : 'enters'} segment “${t.segment}”`;
  if (t.date === 'birthday')
    return `On the customer’s birthday (trait ${typeof t.trait === 'string' ? t.trait : 'birthday'})`;
  if (t.date === 'last_order') return `${String(t.days)} days after the customer’s last order`;
  if (t.item === 'price_drop')
    return `When an item the customer showed interest in drops in price${t.minDropPercent ? ` by ≥ ${Number(t.minDropPercent)}%` : ''}`;
  if (t.item === 'back_in_stock') return 'When an item the customer showed interest in is back in stock';
  return JSON.stringify(t);
}

/** One step, in words. */
export function describeStep(s: JourneyStep): string {
  switch (s.type) {
    case 'wait':
      if (s.duration) return `Wait ${describeDuration(s.duration)}`;
      if (s.until) return `Wait until ${s.until} in the customer’s time zone`;
      return `Wait for “${s.event ?? ''}”, at most ${describeDuration(s.timeout)}`;
    case 'branch':
      return `If ${s.if ?? ''}`;
    case 'split':
      return `Random split (${(s.paths ?? []).map((p) => p.weight).join(' / ')})`;
    case 'send': {
      const content = s.content ?? {};
      const first = (Object.values(content).find((v) => typeof v === 'object') ?? content) as Record<string, unknown>;
      const subject =
        typeof first.subject === 'string' ? first.subject : typeof first.body === 'string' ? first.body : '';
      const what = s.template ? `template “${s.template}”` : subject ? `“${subject.slice(0, 60)}”` : '';
      return `Send ${s.channel ?? ''}${what ? ` ${what}` : ''}${s.channel === 'webhook' && s.url ? ` to ${s.url}` : ''}`;
    }
    case 'webhook':
      return `Call ${s.url ?? 'a webhook'}`;
    case 'set_trait':
      return `Set trait ${s.trait ?? ''} = ${JSON.stringify(s.value)}`;
    case 'exit':
      return 'Exit';
    default:
      return s.type;
  }
}
