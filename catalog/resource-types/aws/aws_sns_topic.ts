import { literal } from '../../terraform/resource-index';
import { FREE_TIER_PAGE } from '../price-item';
import { attributeReader, resourceType } from '../resource-type';

const body = attributeReader('name');

export const awsSnsTopic = resourceType({
  type: 'aws_sns_topic',
  attributes: body.names,
  catalog: { kind: 'topic', name: (r) => literal(body.read(r).name) },
  taggable: true,
  usage: { snsRequestsMillions: { default: 0.1 } },
  pricing: { pricer: (_r, { usage }) => ({ charges: [{ item: 'sns.million', quantity: usage.snsRequestsMillions, what: 'million publishes (usage file)' }] }) },
  priceItems: [
    {
      key: 'sns.million',
      unit: '1M requests',
      offer: () => ({ offerCode: 'AmazonSNS', productFamily: 'API Request', usagetype: 'Requests-Tier1', unit: 'Requests', scale: 6 }),
      freeTier: { pool: 'sns.million', perMonth: 1, reference: `${FREE_TIER_PAGE}: SNS, 1 million publishes per month` },
    },
  ],
});
