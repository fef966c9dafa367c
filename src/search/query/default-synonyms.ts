/** A small built-in list of common retail synonyms (English and Chinese); stores add their own on top. */
import type { SynonymRule } from './synonyms.js';

const TWO_WAY: string[][] = [
  ['fridge', 'refrigerator'],
  ['tv', 'television'],
  ['ac', 'air conditioner'],
  ['couch', 'sofa'],
  ['bbq', 'barbecue'],
  ['faucet', 'tap'],
  ['trash can', 'garbage can'],
  ['garbage disposal', 'disposer'],
  ['rug', 'carpet'],
  ['drapes', 'curtains'],
  ['cellphone', 'mobile phone'],
  ['laptop', 'notebook computer'],
  ['sneakers', 'trainers'],
  ['pants', 'trousers'],
  ['hoodie', 'sweatshirt'],
  ['weed eater', 'string trimmer'],
  ['weed whacker', 'string trimmer'],
  ['shop vac', 'wet dry vac'],
  ['caulk', 'sealant'],
  ['lawnmower', 'lawn mower'],
  ['连衣裙', '裙子'],
  ['手机', '移动电话'],
  ['电视', '电视机'],
  ['冰箱', '电冰箱'],
  ['笔记本电脑', '笔记本'],
  ['运动鞋', '球鞋'],
  ['t恤', '短袖'],
];

/** The built-in synonym rules. */
export const DEFAULT_SYNONYMS: readonly SynonymRule[] = TWO_WAY.map((words) => ({ kind: 'two-way', words }));
