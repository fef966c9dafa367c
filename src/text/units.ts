/** Unit words and their canonical forms, so "33 inch", `33"` and "33-in." all index as 33 + in + 33in. */

const GROUPS: Record<string, string[]> = {
  in: ['in', 'inch', 'inches', 'inchs', '"', "''"],
  ft: ['ft', 'feet', 'foot', "'"],
  yd: ['yd', 'yds', 'yard', 'yards'],
  mm: ['mm', 'millimeter', 'millimeters', 'millimetre'],
  cm: ['cm', 'centimeter', 'centimeters', 'centimetre'],
  m: ['m', 'meter', 'meters', 'metre', 'metres'],
  gal: ['gal', 'gals', 'gallon', 'gallons'],
  qt: ['qt', 'quart', 'quarts'],
  oz: ['oz', 'ounce', 'ounces'],
  lb: ['lb', 'lbs', 'pound', 'pounds'],
  kg: ['kg', 'kgs', 'kilogram', 'kilograms'],
  g: ['g', 'gram', 'grams'],
  ml: ['ml', 'milliliter', 'milliliters'],
  l: ['l', 'liter', 'liters', 'litre', 'litres'],
  v: ['v', 'volt', 'volts', 'vac', 'vdc'],
  w: ['w', 'watt', 'watts'],
  kw: ['kw', 'kilowatt'],
  a: ['a', 'amp', 'amps', 'ampere', 'amperes'],
  ah: ['ah', 'mah'],
  btu: ['btu', 'btus'],
  gauge: ['gauge', 'ga', 'gage'],
  pack: ['pack', 'pk', 'packs'],
  pc: ['pc', 'pcs', 'piece', 'pieces'],
  cu: ['cu', 'cubic'],
  sq: ['sq', 'square'],
  gpm: ['gpm'],
  psi: ['psi'],
  cfm: ['cfm'],
  hp: ['hp', 'horsepower'],
  gb: ['gb'],
  tb: ['tb'],
  hz: ['hz'],
  awg: ['awg'],
  light: ['light', 'lights', 'lite'],
  tier: ['tier'],
  cell: ['cell'],
  panel: ['panel', 'panels'],
  drawer: ['drawer', 'drawers'],
  door: ['door', 'doors'],
  shelf: ['shelf', 'shelves'],
  handle: ['handle', 'handles'],
  step: ['step'],
  wire: ['wire'],
  ply: ['ply'],
  lumen: ['lumen', 'lumens'],
  k: ['k'],
  x: [],
};

const UNIT_OF = new Map<string, string>();
for (const [canon, forms] of Object.entries(GROUPS)) {
  for (const f of forms) UNIT_OF.set(f, canon);
}

/** The canonical unit for a normalised word, or undefined when it is not a unit. */
export function canonicalUnit(word: string): string | undefined {
  return UNIT_OF.get(word);
}
