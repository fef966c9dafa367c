/** All departments of the demo store, in a fixed order (the order is part of determinism). */
import type { DepartmentSpec } from './catalogue-types.js';
import { BEAUTY, FOOD } from './beauty-food.js';
import { MEN, WOMEN } from './fashion.js';
import { DIGITAL, HOME } from './home-digital.js';
import { BABY, SPORTS } from './sports-baby.js';

/** The eight departments. */
export const DEPARTMENTS: readonly DepartmentSpec[] = [WOMEN, MEN, HOME, DIGITAL, BEAUTY, FOOD, SPORTS, BABY];
