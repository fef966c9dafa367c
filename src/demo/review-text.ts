/** Short review texts in Chinese or English whose tone follows the rating and which name aspects. */
import type { Term } from './data/catalogue-types.js';
import type { Random } from './random.js';

/** Aspects every department shares: quality, delivery, price, service. */
const COMMON_ASPECTS: readonly Term[] = [
  ['质量', 'quality'],
  ['物流', 'delivery'],
  ['性价比', 'value for money'],
  ['客服', 'customer service'],
];

const ZH_GOOD = ['很好', '超出预期', '没得说', '不错', '很满意'];
const ZH_BAD = ['一般', '不太行', '让人失望', '很差', '有问题'];
const ZH_GOOD_END = ['会回购。', '推荐购买！', '五星好评。', '已经推荐给朋友了。'];
const ZH_BAD_END = ['不会再买了。', '已申请退货。', '和描述不符。', '希望商家改进。'];
const EN_GOOD = ['is great', 'exceeded my expectations', 'is excellent', 'is really good'];
const EN_BAD = ['is disappointing', 'is poor', 'could be much better', 'is not as described'];
const EN_GOOD_END = ['Would buy again.', 'Highly recommend!', 'Very happy with it.'];
const EN_BAD_END = ['Would not buy again.', 'Returned it.', 'Not worth it.'];

/** A review for a rating of 1–5 in the shopper's language, mentioning one or two aspects. */
export function reviewText(
  random: Random,
  rating: number,
  language: 'zh' | 'en',
  deptAspects: readonly Term[],
): string {
  const aspects = random.shuffle([...COMMON_ASPECTS, ...deptAspects]).slice(0, 2);
  const [first, second] = aspects as [Term, Term];
  const zh = language === 'zh';
  if (rating >= 4) {
    return zh
      ? `${first[0]}${random.pick(ZH_GOOD)}，${second[0]}也${random.pick(ZH_GOOD)}，${random.pick(ZH_GOOD_END)}`
      : `The ${first[1]} ${random.pick(EN_GOOD)} and the ${second[1]} ${random.pick(EN_GOOD)}. ${random.pick(EN_GOOD_END)}`;
  }
  if (rating <= 2) {
    return zh
      ? `${first[0]}${random.pick(ZH_BAD)}，${second[0]}也${random.pick(ZH_BAD)}，${random.pick(ZH_BAD_END)}`
      : `The ${first[1]} ${random.pick(EN_BAD)} and the ${second[1]} ${random.pick(EN_BAD)}. ${random.pick(EN_BAD_END)}`;
  }
  return zh
    ? `还行吧，${first[0]}${random.pick(ZH_GOOD)}，但是${second[0]}${random.pick(ZH_BAD)}。`
    : `It's okay. The ${first[1]} ${random.pick(EN_GOOD)}, but the ${second[1]} ${random.pick(EN_BAD)}.`;
}
