/**
 * The public datasets `daogou datasets` can fetch, with official URLs and the SHA-256 of every data file
 * (computed from the copies in ../shared/datasets, which are those official files).
 */
import { cdnow } from './adapters/cdnow.js';
import { movielens } from './adapters/movielens.js';
import { s3recAmazon } from './adapters/s3rec-amazon.js';
import { uciOnlineRetail } from './adapters/uci-online-retail.js';
import type { DatasetInfo } from './dataset-info.js';

const S3REC_RAW = 'https://raw.githubusercontent.com/RUCAIBox/CIKM2020-S3Rec/master/data';
const AMAZON_LICENSE =
  'Amazon review data (McAuley et al., UCSD), made available for research; sequences as preprocessed and published by the S3-Rec authors.';
const AMAZON_ATTRIBUTION =
  'R. He and J. McAuley, "Ups and downs: Modeling the visual evolution of fashion trends with one-class collaborative filtering", WWW 2016; K. Zhou et al., "S3-Rec: Self-Supervised Learning for Sequential Recommendation with Mutual Information Maximization", CIKM 2020.';

function movielensFile(name: string, sha256: string) {
  return { name, sha256, entry: `ml-latest-small/${name}` };
}

/** The known datasets. Taobao UserBehavior is absent: its only official source (Tianchi) needs a login. */
export const DATASETS: readonly DatasetInfo[] = [
  {
    name: 'movielens-latest-small',
    title: 'MovieLens latest-small',
    description: '100,836 ratings (0.5–5 stars) by 610 users of 9,742 movies, 1996–2018',
    homepage: 'https://grouplens.org/datasets/movielens/',
    license:
      'GroupLens usage licence: research use; redistribution under the same terms; no commercial or revenue-bearing use without permission from GroupLens; no implied endorsement.',
    attribution:
      'F. Maxwell Harper and Joseph A. Konstan. 2015. The MovieLens Datasets: History and Context. ACM TiiS 5, 4: 19:1–19:19. https://doi.org/10.1145/2827872',
    downloads: [
      {
        url: 'https://files.grouplens.org/datasets/movielens/ml-latest-small.zip',
        archive: 'zip',
        files: [
          movielensFile('ratings.csv', 'aa289ca83157595d0df6aea1be6a4ded676ddc4385472e8313a8ed9805352646'),
          movielensFile('movies.csv', '5a5f32dd9bb3797b8e728a1b98958789d2b13f294a69fdfbc5727f8a9611aa07'),
          movielensFile('tags.csv', '92a9f8bb7916dceef6151209845788c3643f794dfa79d1feaec7121b5960399d'),
          movielensFile('links.csv', '97ad18e4e56a09363c65676b6cb3482ce3e2cea2372a24620c1599c843325f31'),
          movielensFile('README.txt', '63d22ac138e80fae37021797ed8e1b9424b5239dc576a137422adf783ae3f404'),
        ],
      },
    ],
    adapter: movielens,
    roles: { ratings: 'ratings.csv', movies: 'movies.csv' },
    adapterOptions: { idPrefix: 'ml' },
  },
  {
    name: 'amazon-beauty',
    title: 'Amazon Beauty review sequences (S3-Rec)',
    description: '198,502 reviews by 22,363 users of 12,101 items, one time-ordered sequence per user',
    homepage: 'https://github.com/RUCAIBox/CIKM2020-S3Rec',
    license: AMAZON_LICENSE,
    attribution: AMAZON_ATTRIBUTION,
    downloads: [
      {
        url: `${S3REC_RAW}/Beauty.txt`,
        archive: 'file',
        files: [{ name: 'Beauty.txt', sha256: '226cce9c3105299ca0db9615d7d3fb32b3175e90da43100ae352599f0f0107b8' }],
      },
      {
        url: `${S3REC_RAW}/Beauty_item2attributes.json`,
        archive: 'file',
        files: [
          {
            name: 'Beauty_item2attributes.json',
            sha256: '129e40f67486f6877eff0f5318cfa8530ee8ac23d8b0d1de04e1bb7a2ba0b2d4',
          },
        ],
      },
    ],
    adapter: s3recAmazon,
    roles: { sequences: 'Beauty.txt', attributes: 'Beauty_item2attributes.json' },
    adapterOptions: { idPrefix: 'beauty' },
  },
  {
    name: 'amazon-toys',
    title: 'Amazon Toys and Games review sequences (S3-Rec)',
    description: '167,597 reviews by 19,412 users of 11,924 items, one time-ordered sequence per user',
    homepage: 'https://github.com/RUCAIBox/CIKM2020-S3Rec',
    license: AMAZON_LICENSE,
    attribution: AMAZON_ATTRIBUTION,
    downloads: [
      {
        url: `${S3REC_RAW}/Toys_and_Games.txt`,
        archive: 'file',
        files: [
          { name: 'Toys_and_Games.txt', sha256: '176c680c688d497598c4a89a03b402c0fe78d795e5db335c2e78dd5f2d778a3f' },
        ],
      },
      {
        url: `${S3REC_RAW}/Toys_and_Games_item2attributes.json`,
        archive: 'file',
        files: [
          {
            name: 'Toys_and_Games_item2attributes.json',
            sha256: 'd371acd25101eedac04afc727626464b7acec770c4eda708705d51eb76eb1ad0',
          },
        ],
      },
    ],
    adapter: s3recAmazon,
    roles: { sequences: 'Toys_and_Games.txt', attributes: 'Toys_and_Games_item2attributes.json' },
    adapterOptions: { idPrefix: 'toys' },
  },
  {
    name: 'online-retail-france',
    title: 'UCI Online Retail, France slice',
    description:
      '8,557 invoice lines (149 cancellations) of a UK online gift shop to French customers, Dec 2010–Dec 2011',
    homepage: 'https://archive.ics.uci.edu/dataset/352/online+retail',
    license: 'CC BY 4.0 (UCI Machine Learning Repository); the France slice as published by pycaret/datasets (MIT).',
    attribution:
      'Daqing Chen, Sai Liang Sain and Kun Guo. Online Retail. UCI Machine Learning Repository, 2015. https://doi.org/10.24432/C5BW33',
    downloads: [
      {
        // pycaret's france.csv has the UCI column names unchanged (InvoiceNo … Country).
        url: 'https://raw.githubusercontent.com/pycaret/datasets/main/data/common/france.csv',
        archive: 'file',
        files: [
          {
            name: 'online_retail_france.csv',
            sha256: 'f7259480ee16d2e5aa2dfb86dc9e87cff6e189f0bea39b301fb3d2b3d5e59ddc',
          },
        ],
      },
    ],
    adapter: uciOnlineRetail,
    roles: { invoices: 'online_retail_france.csv' },
  },
  {
    name: 'cdnow',
    title: 'CDNOW purchases',
    description:
      '69,659 purchases by 23,570 customers of CDNOW, Jan 1997–Jun 1998 (counts and dollar values, no products)',
    homepage: 'https://www.brucehardie.com/datasets/',
    license:
      'As distributed with the lifetimes package (MIT); the data were made public by Fader and Hardie for research.',
    attribution:
      'P. S. Fader, B. G. S. Hardie and K. L. Lee, "Counting Your Customers the Easy Way: An Alternative to the Pareto/NBD Model", Marketing Science 24(2), 2005.',
    downloads: [
      {
        url: 'https://raw.githubusercontent.com/CamDavidsonPilon/lifetimes/master/lifetimes/datasets/CDNOW_master.txt',
        archive: 'file',
        files: [
          { name: 'CDNOW_master.txt', sha256: 'eff6889ed364c5199d6eacbbeb7a6d559971df4406ac876f322c373f00a072ef' },
        ],
      },
    ],
    adapter: cdnow,
    roles: { transactions: 'CDNOW_master.txt' },
    adapterOptions: { idPrefix: 'cdnow' },
  },
];

/** The dataset with this name, or undefined. */
export function findDataset(name: string): DatasetInfo | undefined {
  return DATASETS.find((d) => d.name === name);
}
