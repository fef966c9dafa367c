/** Names and cities for demo customers: Chinese names with pinyin (for emails), Latin names, weighted cities. */

/** Common Chinese surnames and their pinyin. */
export const SURNAMES: readonly (readonly [string, string])[] = [
  ['王', 'wang'],
  ['李', 'li'],
  ['张', 'zhang'],
  ['刘', 'liu'],
  ['陈', 'chen'],
  ['杨', 'yang'],
  ['黄', 'huang'],
  ['赵', 'zhao'],
  ['吴', 'wu'],
  ['周', 'zhou'],
  ['徐', 'xu'],
  ['孙', 'sun'],
  ['马', 'ma'],
  ['朱', 'zhu'],
  ['胡', 'hu'],
  ['郭', 'guo'],
  ['何', 'he'],
  ['林', 'lin'],
  ['罗', 'luo'],
  ['高', 'gao'],
];

/** Given names with pinyin and the gender they usually suggest. */
export const GIVEN_NAMES: readonly (readonly [string, string, 'female' | 'male'])[] = [
  ['芳', 'fang', 'female'],
  ['婷', 'ting', 'female'],
  ['静', 'jing', 'female'],
  ['丽娟', 'lijuan', 'female'],
  ['雪', 'xue', 'female'],
  ['欣怡', 'xinyi', 'female'],
  ['梓涵', 'zihan', 'female'],
  ['佳琪', 'jiaqi', 'female'],
  ['晓燕', 'xiaoyan', 'female'],
  ['雨桐', 'yutong', 'female'],
  ['伟', 'wei', 'male'],
  ['强', 'qiang', 'male'],
  ['磊', 'lei', 'male'],
  ['洋', 'yang', 'male'],
  ['浩然', 'haoran', 'male'],
  ['子轩', 'zixuan', 'male'],
  ['建华', 'jianhua', 'male'],
  ['俊杰', 'junjie', 'male'],
  ['宇航', 'yuhang', 'male'],
  ['志明', 'zhiming', 'male'],
];

/** Latin-script first names with the gender they usually suggest. */
export const LATIN_FIRST: readonly (readonly [string, 'female' | 'male'])[] = [
  ['Emma', 'female'],
  ['Olivia', 'female'],
  ['Sophie', 'female'],
  ['Grace', 'female'],
  ['Mia', 'female'],
  ['Chloe', 'female'],
  ['James', 'male'],
  ['Lucas', 'male'],
  ['Daniel', 'male'],
  ['Ethan', 'male'],
  ['Noah', 'male'],
  ['Ryan', 'male'],
];

/** Latin-script family names. */
export const LATIN_LAST = ['Smith', 'Chen', 'Tan', 'Wong', 'Miller', 'Garcia', 'Lee', 'Martin', 'Brown', 'Ng'];

/** Cities with a traffic weight and their tier (tier 1 shoppers lean premium). */
export const CITIES: readonly { zh: string; en: string; weight: number; tier: 1 | 2 | 3 }[] = [
  { zh: '上海', en: 'Shanghai', weight: 14, tier: 1 },
  { zh: '北京', en: 'Beijing', weight: 13, tier: 1 },
  { zh: '深圳', en: 'Shenzhen', weight: 10, tier: 1 },
  { zh: '广州', en: 'Guangzhou', weight: 9, tier: 1 },
  { zh: '杭州', en: 'Hangzhou', weight: 7, tier: 2 },
  { zh: '成都', en: 'Chengdu', weight: 7, tier: 2 },
  { zh: '南京', en: 'Nanjing', weight: 5, tier: 2 },
  { zh: '武汉', en: 'Wuhan', weight: 5, tier: 2 },
  { zh: '西安', en: "Xi'an", weight: 4, tier: 2 },
  { zh: '重庆', en: 'Chongqing', weight: 5, tier: 2 },
  { zh: '苏州', en: 'Suzhou', weight: 4, tier: 2 },
  { zh: '长沙', en: 'Changsha', weight: 3, tier: 3 },
  { zh: '郑州', en: 'Zhengzhou', weight: 3, tier: 3 },
  { zh: '昆明', en: 'Kunming', weight: 2, tier: 3 },
  { zh: '哈尔滨', en: 'Harbin', weight: 2, tier: 3 },
  { zh: '香港', en: 'Hong Kong', weight: 3, tier: 1 },
  { zh: '新加坡', en: 'Singapore', weight: 2, tier: 1 },
];
