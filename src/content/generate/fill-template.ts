/** Fills {slot} holes of a phrase template; a template with an empty slot is not usable (null). */

/** Slot values by name; a missing or empty value makes templates that need it unusable. */
export type Slots = Readonly<Record<string, string | undefined>>;

const HOLE = /\{([A-Za-z]+)\}/g;
// These read as a sentence start when capitalised; the rest are names and read as titles.
const SENTENCE_SLOTS = new Set(['praise', 'top']);

function titleCase(s: string): string {
  return s.replace(/(^|[\s-])([a-z])/g, (_, sep: string, c: string) => sep + c.toUpperCase());
}

/** The template with its holes filled, or null when a slot it names has no value. */
export function fillTemplate(template: string, slots: Slots): string | null {
  let missing = false;
  const out = template.replace(HOLE, (_, name: string) => {
    const lower = name[0]!.toLowerCase() + name.slice(1);
    const value = slots[lower];
    if (value === undefined || value.length === 0) {
      missing = true;
      return '';
    }
    if (lower === name) return value;
    return SENTENCE_SLOTS.has(lower) ? value[0]!.toUpperCase() + value.slice(1) : titleCase(value);
  });
  return missing ? null : out;
}

/** Every usable filling of the templates, in template order. */
export function fillAll(templates: readonly string[], slots: Slots): string[] {
  const out: string[] = [];
  for (const t of templates) {
    const filled = fillTemplate(t, slots);
    if (filled !== null) out.push(filled);
  }
  return out;
}
