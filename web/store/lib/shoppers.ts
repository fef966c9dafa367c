/** Demo shoppers as the browse-as menu and the greeting show them. */
import type { Lang } from './i18n.js';

/** The server describes demo shoppers in English around catalogue names ("深圳 · likes 美妆 · 19 orders"). */
export function describeShopper(description: string, lang: Lang, categoryName: (path: string) => string): string {
  return description
    .split(' · ')
    .map((part) => {
      const likes = /^likes (.+)$/.exec(part);
      if (likes?.[1]) return lang === 'zh' ? `偏爱${likes[1]}` : `likes ${categoryName(likes[1])}`;
      const orders = /^(\d+) orders?$/.exec(part);
      if (orders?.[1]) return lang === 'zh' ? `${orders[1]} 笔订单` : part;
      return part;
    })
    .join(' · ');
}
